package io.uniapi.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.uniapi.testing.GeminiWire;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** JSON schemas as OpenAI clients write them, cleaned into what Gemini's strict schema parser accepts. */
class GeminiSchemasTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void additionalPropertiesGoesAndADefaultMovesIntoTheDescription() throws Exception {
        JsonNode cleaned = GeminiSchemas.clean(json("""
                {"type":"object","additionalProperties":false,"$schema":"http://json-schema.org/draft-07/schema#",
                 "properties":{"n":{"type":"integer","default":5,"description":"How many"},
                               "m":{"type":"integer","default":2}},"required":["n","ghost"]}"""));

        assertThat(cleaned.has("additionalProperties")).isFalse();
        assertThat(cleaned.has("$schema")).isFalse();
        assertThat(cleaned.path("properties").path("n").path("description").asText()).isEqualTo("How many\nDefault: 5");
        assertThat(cleaned.path("properties").path("m").path("description").asText()).isEqualTo("Default: 2");
        assertThat(cleaned.path("required")).as("only declared properties can be required").hasSize(1);
        assertThat(problem(cleaned)).isNull();
    }

    @Test
    void localReferencesAreInlinedAndNullableUnionsBecomeNullable() throws Exception {
        JsonNode cleaned = GeminiSchemas.clean(json("""
                {"type":"object","$defs":{"Point":{"type":"object","properties":{"x":{"type":"number"}}}},
                 "properties":{"at":{"$ref":"#/$defs/Point"},
                               "label":{"anyOf":[{"type":"string"},{"type":"null"}]},
                               "tags":{"type":["array","null"],"items":{"type":"string","format":"uri"}},
                               "kind":{"const":"circle"},
                               "size":{"oneOf":[{"type":"integer"},{"type":"string"}]}}}"""));

        JsonNode properties = cleaned.path("properties");
        assertThat(properties.path("at").path("properties").path("x").path("type").asText()).isEqualTo("number");
        assertThat(properties.path("label").path("type").asText()).isEqualTo("string");
        assertThat(properties.path("label").path("nullable").asBoolean()).isTrue();
        assertThat(properties.path("tags").path("type").asText()).isEqualTo("array");
        assertThat(properties.path("tags").path("nullable").asBoolean()).isTrue();
        assertThat(properties.path("tags").path("items").has("format")).as("Gemini accepts only enum/date-time").isFalse();
        assertThat(properties.path("kind").path("enum").get(0).asText()).isEqualTo("circle");
        assertThat(properties.path("size").path("anyOf")).hasSize(2);
        assertThat(problem(cleaned)).isNull();
    }

    @Test
    void aRecursiveReferenceStopsInsteadOfLoopingForever() throws Exception {
        JsonNode cleaned = GeminiSchemas.clean(json("""
                {"type":"object","definitions":{"Node":{"type":"object","properties":{"next":{"$ref":"#/definitions/Node"}}}},
                 "properties":{"head":{"$ref":"#/definitions/Node"}}}"""));

        assertThat(cleaned.toString()).contains("\"next\"");
        assertThat(problem(cleaned)).isNull();
    }

    @Test
    void numericEnumsAreExplainedInTheDescription() throws Exception {
        JsonNode cleaned = GeminiSchemas.clean(json("{\"type\":\"integer\",\"enum\":[1,2,3]}"));

        assertThat(cleaned.has("enum")).isFalse();
        assertThat(cleaned.path("description").asText()).isEqualTo("Allowed values: 1, 2, 3");
    }

    @Test
    void aFunctionWithoutParametersDeclaresNone() throws Exception {
        assertThat(GeminiSchemas.parameters(json("{\"type\":\"object\",\"properties\":{}}"))).isNull();
        assertThat(GeminiSchemas.parameters(json("{\"type\":\"object\"}"))).isNull();
    }

    /** What the strict fake (the real API's rules) says about a schema used as function parameters. */
    static String problem(JsonNode schema) throws Exception {
        return GeminiWire.problem(json("""
                {"contents":[{"role":"user","parts":[{"text":"x"}]}],
                 "tools":[{"functionDeclarations":[{"name":"f","parameters":%s}]}]}""".formatted(schema)), false);
    }
}
