package io.uniapi.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * uni-api's {@code openrouter} dialect (behaviour reference §5.2), for OpenAI-compatible hosts serving models of no
 * known family, many of which accept only string content: a user or assistant message whose content is a list
 * becomes one message per part (text parts with string content, image parts with a one-part list); {@code n} and
 * {@code user} are dropped, and {@code stream_options} unless the client asked for usage itself.
 */
final class OpenRouterDialect {
    private OpenRouterDialect() {
    }

    static void apply(ObjectNode body, boolean clientAskedForUsage) {
        body.remove("n");
        body.remove("user");
        if (!clientAskedForUsage) {
            body.remove("stream_options");
        }
        JsonNode messages = body.get("messages");
        if (!(messages instanceof ArrayNode list) || !hasListContent(list)) {
            return;
        }
        ArrayNode split = body.arrayNode();
        for (JsonNode message : list) {
            String role = message.path("role").asText();
            JsonNode content = message.get("content");
            if (!(role.equals("user") || role.equals("assistant")) || content == null || !content.isArray()
                    || message.has("tool_calls")) {
                split.add(message);
                continue;
            }
            for (JsonNode part : content) {
                ObjectNode one = split.addObject().put("role", role);
                if ("text".equals(part.path("type").asText())) {
                    one.put("content", part.path("text").asText());
                } else {
                    one.putArray("content").add(part);
                }
            }
        }
        body.set("messages", split);
    }

    private static boolean hasListContent(ArrayNode messages) {
        for (JsonNode message : messages) {
            if (message.path("content").isArray()) {
                return true;
            }
        }
        return false;
    }
}
