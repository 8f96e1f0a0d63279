package io.uniapi.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;

/**
 * OpenAI message content (a string, or a list of {@code text}, {@code image_url}, {@code input_audio} and
 * {@code file} parts) → Gemini parts. Images and files given as data URLs become {@code inlineData}; an http(s)
 * image URL becomes {@code fileData} with the type guessed from its name. Empty texts are left out (Gemini answers
 * 400 for an empty text part).
 */
final class GeminiParts {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private GeminiParts() {
    }

    /** @param keepImages false to leave image parts out ({@code image: false} channels) */
    static ArrayNode userParts(JsonNode content, boolean keepImages) {
        ArrayNode parts = JSON.arrayNode();
        if (content == null || content.isNull()) {
            return parts;
        }
        if (content.isTextual()) {
            addText(parts, content.textValue());
            return parts;
        }
        if (!content.isArray()) {
            return parts;
        }
        for (JsonNode item : content) {
            switch (item.path("type").asText()) {
                case "text" -> addText(parts, item.path("text").asText(""));
                case "image_url" -> {
                    if (keepImages) {
                        addMedia(parts, item.path("image_url").isTextual()
                                ? item.path("image_url").textValue() : item.path("image_url").path("url").asText(""));
                    }
                }
                case "input_audio" -> addAudio(parts, item.path("input_audio"));
                case "file" -> addMedia(parts, item.path("file").path("file_data").asText(""));
                default -> {
                    // Other part types (refusal, …) have no Gemini equivalent.
                }
            }
        }
        return parts;
    }

    /** The text of a content value, parts joined without separator. */
    static String text(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.textValue();
        }
        StringBuilder text = new StringBuilder();
        if (content.isArray()) {
            for (JsonNode item : content) {
                if (item.isTextual()) {
                    text.append(item.textValue());
                } else if ("text".equals(item.path("type").asText())) {
                    text.append(item.path("text").asText(""));
                }
            }
        }
        return text.toString();
    }

    private static void addText(ArrayNode parts, String text) {
        if (!text.isEmpty()) {
            parts.addObject().put("text", text);
        }
    }

    private static void addMedia(ArrayNode parts, String url) {
        if (url.startsWith("data:")) {
            int comma = url.indexOf(',');
            int semicolon = url.indexOf(';');
            if (comma > 0) {
                String mime = url.substring(5, semicolon > 0 && semicolon < comma ? semicolon : comma);
                ObjectNode inline = parts.addObject().putObject("inlineData");
                inline.put("mimeType", mime.equals("image/jpg") ? "image/jpeg" : mime);
                inline.put("data", url.substring(comma + 1));
            }
        } else if (url.startsWith("http://") || url.startsWith("https://") || url.startsWith("gs://")) {
            ObjectNode file = parts.addObject().putObject("fileData");
            file.put("mimeType", guessType(url));
            file.put("fileUri", url);
        }
    }

    private static void addAudio(ArrayNode parts, JsonNode audio) {
        String data = audio.path("data").asText("");
        if (data.isEmpty()) {
            return;
        }
        String format = audio.path("format").asText("wav").toLowerCase(Locale.ROOT);
        ObjectNode inline = parts.addObject().putObject("inlineData");
        inline.put("mimeType", switch (format) {
            case "mp3", "mpeg" -> "audio/mpeg";
            case "mp4" -> "video/mp4";
            default -> "audio/" + format;
        });
        inline.put("data", data);
    }

    private static String guessType(String url) {
        String path = url.toLowerCase(Locale.ROOT);
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        if (path.endsWith(".png")) {
            return "image/png";
        }
        if (path.endsWith(".webp")) {
            return "image/webp";
        }
        if (path.endsWith(".gif")) {
            return "image/gif";
        }
        if (path.endsWith(".pdf")) {
            return "application/pdf";
        }
        return "image/jpeg";
    }
}
