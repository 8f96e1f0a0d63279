package io.uniapi.providers.anthropic;

/** Anthropic {@code stop_reason} → OpenAI {@code finish_reason} (reference bug §10.2: the reference sent none). */
final class AnthropicFinishReason {
    private AnthropicFinishReason() {
    }

    static String of(String stopReason) {
        if (stopReason == null) {
            return "stop";
        }
        return switch (stopReason) {
            case "tool_use" -> "tool_calls";
            case "max_tokens", "model_context_window_exceeded" -> "length";
            case "refusal" -> "content_filter";
            default -> "stop";
        };
    }
}
