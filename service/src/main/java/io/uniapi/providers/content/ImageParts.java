package io.uniapi.providers.content;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** OpenAI content parts of type {@code image_url}, for channels configured with {@code image: false}. */
public final class ImageParts {
    private ImageParts() {
    }

    /** Whether any message of an OpenAI body carries an image part. */
    public static boolean present(ObjectNode body) {
        for (JsonNode message : body.path("messages")) {
            for (JsonNode part : message.path("content")) {
                if ("image_url".equals(part.path("type").asText())) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Removes every image part from the messages of {@code body}, replacing the messages list (it may be shared with
     * the client's body). A message left without content keeps an empty string.
     */
    public static void strip(ObjectNode body) {
        if (!present(body)) {
            return;
        }
        ArrayNode messages = body.arrayNode();
        for (JsonNode message : body.path("messages")) {
            if (!(message instanceof ObjectNode original) || !message.path("content").isArray()) {
                messages.add(message);
                continue;
            }
            ObjectNode copy = original.deepCopy();
            ArrayNode kept = copy.arrayNode();
            original.get("content").forEach(part -> {
                if (!"image_url".equals(part.path("type").asText())) {
                    kept.add(part);
                }
            });
            copy.set("content", kept.isEmpty() ? copy.textNode("") : kept);
            messages.add(copy);
        }
        body.set("messages", messages);
    }
}
