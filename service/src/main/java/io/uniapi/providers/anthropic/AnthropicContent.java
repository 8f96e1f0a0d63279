package io.uniapi.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uniapi.images.DataUrl;

/**
 * OpenAI message content (a string or a list of parts) as Anthropic content blocks
 * (https://docs.anthropic.com/en/api/messages): {@code text} parts become text blocks (keeping {@code cache_control}),
 * {@code image_url} parts image blocks with a base64 source (the gateway has already made every image a data URL).
 * Parts Anthropic has no equivalent for are dropped.
 */
final class AnthropicContent {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private AnthropicContent() {
    }

    /** Blocks for {@code content}; empty for null, an empty string, or parts that all drop. */
    static ArrayNode blocks(JsonNode content, boolean images) {
        ArrayNode blocks = JSON.arrayNode();
        if (content == null || content.isNull()) {
            return blocks;
        }
        if (content.isTextual()) {
            if (!content.textValue().isEmpty()) {
                blocks.addObject().put("type", "text").put("text", content.textValue());
            }
            return blocks;
        }
        for (JsonNode part : content) {
            String type = part.path("type").asText();
            if (type.equals("text") && !part.path("text").asText("").isEmpty()) {
                ObjectNode text = blocks.addObject().put("type", "text").put("text", part.path("text").asText(""));
                copyCacheControl(part, text);
            } else if (type.equals("image_url") && images) {
                ObjectNode image = image(part);
                copyCacheControl(part, image);
                blocks.add(image);
            }
        }
        return blocks;
    }

    /** The plain text of content, parts joined; for tool results and system prompts. */
    static String text(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.textValue();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if ("text".equals(part.path("type").asText())) {
                text.append(part.path("text").asText(""));
            }
        }
        return text.toString();
    }

    private static ObjectNode image(JsonNode part) {
        JsonNode imageUrl = part.get("image_url");
        String url = imageUrl == null ? "" : imageUrl.isTextual() ? imageUrl.textValue() : imageUrl.path("url").asText("");
        ObjectNode block = JSON.objectNode().put("type", "image");
        DataUrl data = DataUrl.parseOrNull(url);
        if (data != null) {
            block.putObject("source").put("type", "base64").put("media_type", data.mediaType()).put("data", data.base64());
        } else {
            block.putObject("source").put("type", "url").put("url", url);
        }
        return block;
    }

    private static void copyCacheControl(JsonNode part, ObjectNode block) {
        if (part.has("cache_control")) {
            block.set("cache_control", part.get("cache_control"));
        }
    }
}
