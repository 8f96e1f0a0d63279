package io.uniapi.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code post_body_parameter_overrides} as behaviour reference §5.12 and checklist items 67–68 describe it. */
class BodyOverridesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    private static BodyOverrides compile(String yaml, String... models) {
        List<ConfigProblem> problems = new ArrayList<>();
        BodyOverrides overrides;
        try {
            overrides = BodyOverrides.compile(YAML.readTree(yaml), Set.of(models), "p.preferences.post_body_parameter_overrides", problems);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(problems).isEmpty();
        return overrides;
    }

    private static ObjectNode body(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json);
    }

    @Test
    void globalFieldsApplyToEveryModelAndTheModelBlockOnlyToItsAlias() throws Exception {
        BodyOverrides overrides = compile("""
                key1: v1
                m-alias:
                  temperature: 0.1
                  __remove__: [top_p]
                """, "m-alias", "other");

        ObjectNode forAlias = body("{\"model\":\"up\",\"temperature\":0.9,\"top_p\":0.5}");
        overrides.apply(forAlias, "m-alias", "up");
        ObjectNode forOther = body("{\"model\":\"up\",\"temperature\":0.9,\"top_p\":0.5}");
        overrides.apply(forOther, "other", "up");

        assertThat(forAlias.toString()).isEqualTo("{\"model\":\"up\",\"temperature\":0.1,\"key1\":\"v1\"}");
        assertThat(forOther.toString()).isEqualTo("{\"model\":\"up\",\"temperature\":0.9,\"top_p\":0.5,\"key1\":\"v1\"}");
    }

    @Test
    void objectsMergeDeeplyWhileListsAndScalarsReplace() throws Exception {
        BodyOverrides overrides = compile("""
                generationConfig: {thinkingConfig: {thinkingBudget: 0}}
                stop: [END]
                """);
        ObjectNode body = body("{\"generationConfig\":{\"temperature\":1,\"thinkingConfig\":{\"includeThoughts\":true}},\"stop\":[\"a\",\"b\"]}");

        overrides.apply(body, "m", "m");

        assertThat(body.toString()).isEqualTo("{\"generationConfig\":{\"temperature\":1,\"thinkingConfig\":"
                + "{\"includeThoughts\":true,\"thinkingBudget\":0}},\"stop\":[\"END\"]}");
    }

    @Test
    void aStructuredRemovalDropsMatchingListItemsAndTheEmptiedList() throws Exception {
        BodyOverrides overrides = compile("""
                __remove__:
                  - path: tools
                    where: {type: web_search}
                    drop_empty: true
                """);
        ObjectNode onlySearch = body("{\"tools\":[{\"type\":\"web_search\"}]}");
        ObjectNode mixed = body("{\"tools\":[{\"type\":\"web_search\"},{\"type\":\"function\",\"function\":{\"name\":\"f\"}}]}");

        overrides.apply(onlySearch, "m", "m");
        overrides.apply(mixed, "m", "m");

        assertThat(onlySearch.has("tools")).isFalse();
        assertThat(mixed.path("tools")).hasSize(1);
        assertThat(mixed.path("tools").get(0).path("type").asText()).isEqualTo("function");
    }

    @Test
    void whereAnyAndNestedPathsAreSupported() throws Exception {
        BodyOverrides overrides = compile("""
                __remove__:
                  - path: thinking.budget_tokens
                  - path: messages
                    where_any: [{role: developer}, {role: system}]
                """);
        ObjectNode body = body("{\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":5},"
                + "\"messages\":[{\"role\":\"system\"},{\"role\":\"user\"},{\"role\":\"developer\"}]}");

        overrides.apply(body, "m", "m");

        assertThat(body.toString()).isEqualTo("{\"thinking\":{\"type\":\"enabled\"},\"messages\":[{\"role\":\"user\"}]}");
    }

    @Test
    void theClientBodyThatAttemptsShareIsNeverModified() throws Exception {
        BodyOverrides overrides = compile("""
                nested: {a: 2}
                __remove__: [{path: nested.b}]
                """);
        ObjectNode client = body("{\"nested\":{\"b\":1}}");
        ObjectNode upstream = client.objectNode().setAll(client);

        overrides.apply(upstream, "m", "m");

        assertThat(client.toString()).isEqualTo("{\"nested\":{\"b\":1}}");
        assertThat(upstream.toString()).isEqualTo("{\"nested\":{\"a\":2}}");
    }

    @Test
    void streamIsNeverOverriddenBecauseTheGatewayOwnsTheStreamingMode() throws Exception {
        BodyOverrides overrides = compile("stream: false");
        ObjectNode body = body("{\"stream\":true}");

        overrides.apply(body, "m", "m");

        assertThat(body.path("stream").asBoolean()).isTrue();
    }

    @Test
    void badRulesAreReportedWithTheirPath() throws Exception {
        List<ConfigProblem> problems = new ArrayList<>();
        JsonNode node = YAML.readTree("__remove__: [{where: {type: x}}, 5]");

        BodyOverrides.compile(node, Set.of(), "providers[0].preferences.post_body_parameter_overrides", problems);

        assertThat(problems).extracting(ConfigProblem::toString).containsExactly(
                "providers[0].preferences.post_body_parameter_overrides.__remove__[0]: a removal rule needs 'path' "
                        + "(a field name, dotted for nested fields)",
                "providers[0].preferences.post_body_parameter_overrides.__remove__[1]: 5 (expected a field name, or "
                        + "{path: a.b, where: {key: value}, drop_empty: true})");
    }
}
