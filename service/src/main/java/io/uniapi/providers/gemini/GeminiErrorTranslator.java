package io.uniapi.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uniapi.providers.UpstreamError;
import io.uniapi.providers.WireJson;


/**
 * Google's error JSON ({@code {"error":{"code","message","status","details"}}}, sometimes wrapped in an array)
 * → an {@link UpstreamError} in OpenAI's shape with the provider's status. An invalid API key is reported by
 * Google as 400; it is the channel's fault, not the request's, so it becomes 401 and the next channel is tried.
 */
public final class GeminiErrorTranslator {
    private GeminiErrorTranslator() {
    }

    public static UpstreamError fromBody(int status, byte[] body) {
        JsonNode json;
        try {
            json = WireJson.MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            json = null;
        }
        if (json != null && json.isArray() && !json.isEmpty()) {
            json = json.get(0);
        }
        UpstreamError error = json == null ? null : fromJson(status, json);
        return error != null ? error : UpstreamError.ofText(status, body);
    }

    /**
     * The error carried by a JSON body or stream event, or null if it carries none. {@code status} is the HTTP
     * status of a failed call; 0 for an error inside a successful answer, which then keeps the error's own code.
     */
    public static UpstreamError fromJson(int status, JsonNode json) {
        JsonNode error = json.get("error");
        if (error == null || !error.isObject()) {
            return null;
        }
        String message = error.path("message").asText("");
        String googleStatus = error.path("status").asText("");
        int code = error.path("code").canConvertToInt() && error.path("code").intValue() >= 400
                ? error.path("code").intValue() : 502;
        int effective = status >= 400 ? status : code;
        if (invalidKey(error, message)) {
            effective = 401;
        }
        ObjectNode openAi = JsonNodeFactory.instance.objectNode();
        openAi.put("message", message.isEmpty() ? error.toString() : message);
        openAi.put("type", typeOf(effective));
        openAi.putNull("param");
        if (googleStatus.isEmpty()) {
            openAi.putNull("code");
        } else {
            openAi.put("code", googleStatus);
        }
        return new UpstreamError(effective, openAi.get("message").asText(), openAi);
    }

    private static boolean invalidKey(JsonNode error, String message) {
        if (message.contains("API key not valid") || message.contains("API key expired")) {
            return true;
        }
        for (JsonNode detail : error.path("details")) {
            if ("API_KEY_INVALID".equals(detail.path("reason").asText())) {
                return true;
            }
        }
        return false;
    }

    private static String typeOf(int status) {
        return switch (status) {
            case 400, 404, 413 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 429 -> "rate_limit_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
    }
}
