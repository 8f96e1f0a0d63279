package io.uniapi.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uniapi.providers.UpstreamError;
import io.uniapi.providers.WireJson;

import java.nio.charset.StandardCharsets;

/** OpenAI's error shape ({@code {"error":{"message","type","param","code"}}}), or any text, as an {@link UpstreamError}. */
final class OpenAiErrorTranslator {
    private static final int MAX_MESSAGE = 1000;

    private OpenAiErrorTranslator() {
    }

    static UpstreamError fromBody(int status, byte[] body) {
        ObjectNode json = WireJson.objectOrNull(body);
        if (json != null) {
            UpstreamError error = fromJson(status, json);
            if (error != null) {
                return error;
            }
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.length() > MAX_MESSAGE) {
            text = text.substring(0, MAX_MESSAGE) + "…";
        }
        return new UpstreamError(status, text.isEmpty() ? "HTTP " + status + " with an empty body" : text, null);
    }

    /** The error carried by a JSON body or stream event, or null if it carries none. */
    static UpstreamError fromJson(int status, ObjectNode json) {
        JsonNode error = json.get("error");
        if (error instanceof ObjectNode object) {
            String message = object.path("message").asText("");
            if (message.isEmpty() && object.path("type").asText("").isEmpty() && object.path("code").isNull()) {
                return null;
            }
            return new UpstreamError(status, message.isEmpty() ? object.toString() : message, object);
        }
        if (error != null && error.isTextual()) {
            return new UpstreamError(status, error.textValue(), null);
        }
        return null;
    }
}
