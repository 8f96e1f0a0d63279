package io.uniapi.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import io.uniapi.providers.ChatRequest;

/**
 * The prompt size in tokens as uni-api estimates it for {@code N/tpr} limits: the characters of every text in the
 * messages, divided by 4. Computed only when a candidate channel has such a limit.
 */
final class PromptEstimate {
    private PromptEstimate() {
    }

    static long tokens(ChatRequest request) {
        long chars = 0;
        for (JsonNode message : request.body().path("messages")) {
            JsonNode content = message.get("content");
            if (content == null) {
                continue;
            }
            if (content.isTextual()) {
                chars += content.textValue().length();
            } else if (content.isArray()) {
                for (JsonNode part : content) {
                    chars += part.path("text").asText("").length();
                }
            }
        }
        return chars / 4;
    }
}
