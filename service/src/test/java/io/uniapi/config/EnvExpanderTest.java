package io.uniapi.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EnvExpanderTest {
    private final EnvExpander env = new EnvExpander(Map.of(
            "KEY", "sk-from-env",
            "EMPTY", "",
            "HOST", "api.example.com",
            "MODEL", "gpt-4o")::get);

    @ParameterizedTest(name = "''{0}'' -> ''{1}''")
    @CsvSource(nullValues = "NULL", value = {
            "${KEY},                              sk-from-env",
            "Bearer ${KEY},                       Bearer sk-from-env",
            "https://${HOST}/v1/chat/completions, https://api.example.com/v1/chat/completions",
            "${MISSING},                          ''",
            "${MISSING:-fallback},                fallback",
            "${KEY:-fallback},                    sk-from-env",
            "${EMPTY:-fallback},                  fallback",
            "${EMPTY},                            ''",
            "${MISSING:-},                        ''",
            "${MISSING:-http://127.0.0.1:8000/v1}, http://127.0.0.1:8000/v1",
            "${HOST}:${MISSING:-443},             api.example.com:443",
            "$KEY and ${1BAD} and ${},            $KEY and ${1BAD} and ${}",
            "no placeholders,                     no placeholders",
    })
    void expandsPlaceholdersInAString(String text, String expanded) {
        assertThat(env.expand(text)).isEqualTo(expanded);
    }

    @Test
    void aValueThatLooksLikeYamlCannotBreakTheFileAroundIt() throws Exception {
        EnvExpander tricky = new EnvExpander(Map.of("TRICKY", "a: b\n- c # d")::get);
        JsonNode tree = new YAMLMapper().readTree("api: ${TRICKY}\nnext: kept\n");

        tricky.expandTree(tree);

        assertThat(tree.path("api").asText()).isEqualTo("a: b\n- c # d");
        assertThat(tree.path("next").asText()).isEqualTo("kept");
    }

    @Test
    void expandsEverywhereInTheTreeIncludingListsNestedMapsAndKeys() throws Exception {
        JsonNode tree = new YAMLMapper().readTree("""
                providers:
                  - provider: p
                    base_url: https://${HOST}/v1
                    api: ["${KEY}", "${MISSING:-second}"]
                    model:
                      - ${MODEL}: ${MODEL}-alias
                    preferences:
                      headers:
                        X-Key: ${KEY}
                api_keys:
                  - api: ${MISSING:-sk-default-client}
                    model: ["p/${MODEL}"]
                count: 3
                flag: true
                """);

        env.expandTree(tree);

        JsonNode provider = tree.path("providers").get(0);
        assertThat(provider.path("base_url").asText()).isEqualTo("https://api.example.com/v1");
        assertThat(provider.path("api").get(0).asText()).isEqualTo("sk-from-env");
        assertThat(provider.path("api").get(1).asText()).isEqualTo("second");
        assertThat(provider.path("model").get(0).path("gpt-4o").asText()).isEqualTo("gpt-4o-alias");
        assertThat(provider.path("preferences").path("headers").path("X-Key").asText()).isEqualTo("sk-from-env");
        assertThat(tree.path("api_keys").get(0).path("api").asText()).isEqualTo("sk-default-client");
        assertThat(tree.path("api_keys").get(0).path("model").get(0).asText()).isEqualTo("p/gpt-4o");
        assertThat(tree.path("count").isInt()).isTrue();
        assertThat(tree.path("flag").isBoolean()).isTrue();
    }

    @Test
    void expandingAKeyKeepsTheOrderOfTheMapping() throws Exception {
        JsonNode tree = new YAMLMapper().readTree("first: 1\n${MODEL}: 2\nlast: 3\n");

        env.expandTree(tree);

        assertThat(tree.fieldNames()).toIterable().containsExactly("first", "gpt-4o", "last");
    }
}
