package io.uniapi.telemetry;

import com.fasterxml.jackson.databind.JsonNode;

/** Token counts as the upstream reported them in an OpenAI {@code usage} object. */
public record TokenUsage(long promptTokens, long completionTokens, long totalTokens) {
    public static final TokenUsage NONE = new TokenUsage(0, 0, 0);

    /** Reads an OpenAI {@code usage} object; {@link #NONE} when absent. */
    public static TokenUsage from(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return NONE;
        }
        long prompt = usage.path("prompt_tokens").asLong(0);
        long completion = usage.path("completion_tokens").asLong(0);
        long total = usage.path("total_tokens").asLong(prompt + completion);
        return new TokenUsage(prompt, completion, total == 0 ? prompt + completion : total);
    }
}
