package io.uniapi.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uniapi.providers.UpstreamError;
import io.uniapi.providers.WireJson;


/** OpenAI's error shape ({@code {"error":{"message","type","param","code"}}}), or any text, as an {@link UpstreamError}. */
final class OpenAiErrorTranslator {
    private OpenAiErrorTranslator() {
    }

    static UpstreamError fromBody(int status, byte[] body) {
        ObjectNode json = WireJson.objectOrNull(body);
        UpstreamError error = json == null ? null : fromJson(status, json);
        return error != null ? error : UpstreamError.ofText(status, body);
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
