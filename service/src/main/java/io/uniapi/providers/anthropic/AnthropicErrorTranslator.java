package io.uniapi.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uniapi.providers.UpstreamError;
import io.uniapi.providers.WireJson;

import java.util.Map;

/**
 * Anthropic errors (https://docs.anthropic.com/en/api/errors), {@code {"type":"error","error":{"type","message"},
 * "request_id"}}, as OpenAI error objects with the provider's status. The dispatcher classifies by that status: 529
 * {@code overloaded_error}, 500, 429 and a channel's 401/403 move on to the next candidate; 400 and 413 do not.
 * An {@code error} event inside a 200 stream has no status of its own: it is derived from the error type.
 */
final class AnthropicErrorTranslator {
    private static final Map<String, Integer> STATUS_BY_TYPE = Map.of(
            "invalid_request_error", 400, "authentication_error", 401, "billing_error", 402,
            "permission_error", 403, "not_found_error", 404, "request_too_large", 413, "rate_limit_error", 429,
            "api_error", 500, "timeout_error", 504, "overloaded_error", 529);

    private AnthropicErrorTranslator() {
    }

    static UpstreamError fromBody(int status, byte[] body) {
        ObjectNode json = WireJson.objectOrNull(body);
        UpstreamError error = json == null ? null : fromJson(status, json);
        return error != null ? error : UpstreamError.ofText(status, body);
    }

    /** The error in an Anthropic error body or stream event; status 0 means "derive it from the type". */
    static UpstreamError fromJson(int status, ObjectNode json) {
        JsonNode error = json.get("error");
        if (!(error instanceof ObjectNode object)) {
            return null;
        }
        String type = object.path("type").asText("api_error");
        String message = object.path("message").asText("");
        int effective = status > 0 ? status : STATUS_BY_TYPE.getOrDefault(type, 502);
        ObjectNode openAi = JsonNodeFactory.instance.objectNode();
        openAi.put("message", message.isEmpty() ? "Anthropic " + type : message);
        openAi.put("type", type);
        openAi.putNull("param");
        openAi.put("code", type);
        return new UpstreamError(effective, openAi.get("message").asText(), openAi);
    }
}
