package io.uniapi.providers.gemini;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uniapi.providers.ReasoningHints;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Thinking config from alias suffixes and {@code reasoning_effort} (behaviour reference §5.5, checklist 57). */
class GeminiThinkingTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static String config(String model, String alias, String body) throws Exception {
        ObjectNode request = (ObjectNode) JSON.readTree(body);
        ObjectNode config = GeminiThinking.config(model, alias, ReasoningHints.of(alias, request));
        return config == null ? null : config.toString();
    }

    @Test
    void thinkZeroTurnsThinkingOff() throws Exception {
        assertThat(config("gemini-2.5-flash", "gemini-2.5-flash-think-0", "{}"))
                .isEqualTo("{\"includeThoughts\":false,\"thinkingBudget\":0}");
    }

    @Test
    void effortMapsToAShareOfTheModelsMaximumBudget() throws Exception {
        assertThat(config("gemini-2.5-pro", "gemini-2.5-pro", "{\"reasoning_effort\":\"high\"}"))
                .isEqualTo("{\"includeThoughts\":true,\"thinkingBudget\":24576}");
        assertThat(config("gemini-2.5-flash", "x", "{\"reasoning_effort\":\"none\"}"))
                .isEqualTo("{\"includeThoughts\":false,\"thinkingBudget\":0}");
        assertThat(config("gemini-2.5-pro", "x", "{\"reasoning\":{\"effort\":\"none\"}}"))
                .as("2.5 Pro cannot stop thinking: its minimum").isEqualTo("{\"includeThoughts\":true,\"thinkingBudget\":128}");
    }

    @Test
    void budgetsAreClampedToWhatTheModelAccepts() throws Exception {
        assertThat(config("gemini-2.5-pro", "p-think-10", "{}")).contains("\"thinkingBudget\":128");
        assertThat(config("gemini-2.5-flash-lite", "l-think-100", "{}")).contains("\"thinkingBudget\":512");
        assertThat(config("gemini-2.5-flash", "f-think-99999", "{}")).contains("\"thinkingBudget\":24576");
        assertThat(config("gemini-2.5-flash", "f-think", "{}")).as("dynamic").contains("\"thinkingBudget\":-1");
    }

    @Test
    void gemini3TakesALevel() throws Exception {
        assertThat(config("gemini-3-pro-preview", "gemini-3-pro-preview", "{\"reasoning_effort\":\"medium\"}"))
                .isEqualTo("{\"includeThoughts\":true,\"thinkingLevel\":\"low\"}");
        assertThat(config("gemini-3-flash-preview", "x-think-5000", "{}")).contains("\"thinkingLevel\":\"low\"");
        assertThat(config("gemini-3-flash-preview", "flash-minimal", "{}")).contains("\"thinkingLevel\":\"minimal\"");
        assertThat(config("gemini-3-pro-preview", "x", "{}")).isEqualTo("{\"includeThoughts\":true}");
    }

    @Test
    void modelsThatDoNotThinkGetNoConfig() throws Exception {
        assertThat(config("gemini-2.0-flash", "gemini-2.0-flash", "{\"reasoning_effort\":\"high\"}")).isNull();
        assertThat(config("gemini-2.5-flash-image", "img", "{}")).isNull();
        assertThat(config("gemini-2.5-flash-lite", "lite", "{}")).isNull();
    }
}
