package io.uniapi.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uniapi.providers.ChatCompletionShapes;

/**
 * Anthropic {@code usage} → OpenAI usage. Anthropic counts cache reads and cache writes apart from
 * {@code input_tokens}; OpenAI's {@code prompt_tokens} includes cached tokens, so the three are added up and the
 * cache reads reported as {@code cached_tokens}. Thinking tokens are part of {@code output_tokens}; when an upstream
 * reports them ({@code output_tokens_details.thinking_tokens}) they become {@code reasoning_tokens}.
 */
final class AnthropicUsage {
    private long input;
    private long cacheRead;
    private long cacheWrite;
    private long output;
    private long thinking;

    /** Takes the counts present in one usage object (stream events repeat and grow them). */
    void update(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return;
        }
        input = Math.max(input, usage.path("input_tokens").asLong(0));
        cacheRead = Math.max(cacheRead, usage.path("cache_read_input_tokens").asLong(0));
        cacheWrite = Math.max(cacheWrite, usage.path("cache_creation_input_tokens").asLong(0));
        output = Math.max(output, usage.path("output_tokens").asLong(0));
        thinking = Math.max(thinking, usage.path("output_tokens_details").path("thinking_tokens").asLong(0));
    }

    ObjectNode toOpenAi() {
        return ChatCompletionShapes.usage(input + cacheRead + cacheWrite, output, cacheRead, thinking);
    }

    static ObjectNode of(JsonNode usage) {
        AnthropicUsage counts = new AnthropicUsage();
        counts.update(usage);
        return counts.toOpenAi();
    }
}
