package io.uniapi.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uniapi.providers.ChatCompletionShapes;

/**
 * Gemini's {@code usageMetadata} → OpenAI {@code usage}. Thinking tokens are output tokens
 * ({@code completion = candidates + thoughts}, and {@code reasoning_tokens = thoughts}); tokens of tool-use prompts
 * count as prompt; cached content tokens are {@code cached_tokens}.
 */
final class GeminiUsage {
    private GeminiUsage() {
    }

    /** The usage, or null when the metadata is absent. */
    static ObjectNode toOpenAi(JsonNode metadata) {
        if (metadata == null || !metadata.isObject()) {
            return null;
        }
        long prompt = metadata.path("promptTokenCount").asLong(0) + metadata.path("toolUsePromptTokenCount").asLong(0);
        long thoughts = metadata.path("thoughtsTokenCount").asLong(0);
        long completion = metadata.path("candidatesTokenCount").asLong(0) + thoughts;
        return ChatCompletionShapes.usage(prompt, completion, metadata.path("cachedContentTokenCount").asLong(0), thoughts);
    }
}
