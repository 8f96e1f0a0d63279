package io.uniapi.providers.gemini;

/**
 * Gemini's {@code finishReason} → OpenAI's {@code finish_reason}. uni-api always said {@code stop}; here a turn
 * that made tool calls ends with {@code tool_calls}, {@code MAX_TOKENS} with {@code length}, and every safety-type
 * block with {@code content_filter} (reference bug §10.2, fixed).
 */
final class GeminiFinishReasons {
    private GeminiFinishReasons() {
    }

    static String toOpenAi(String geminiReason, boolean madeToolCalls) {
        if (geminiReason == null) {
            return madeToolCalls ? "tool_calls" : "stop";
        }
        return switch (geminiReason) {
            case "MAX_TOKENS" -> "length";
            case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY",
                 "IMAGE_PROHIBITED_CONTENT", "IMAGE_RECITATION" -> "content_filter";
            default -> madeToolCalls ? "tool_calls" : "stop";
        };
    }
}
