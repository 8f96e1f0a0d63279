package io.uniapi.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uniapi.errors.InvalidRequestException;
import io.uniapi.errors.PayloadTooLargeException;
import io.uniapi.providers.ChatRequest;
import io.uniapi.providers.WireJson;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads and checks a chat request body: size first (nothing over the limit is buffered), then JSON, then the
 * fields every provider needs. Unknown fields are kept: they pass through to OpenAI-compatible upstreams.
 */
final class ChatRequestReader {
    private ChatRequestReader() {
    }

    static ChatRequest read(InputStream body, long contentLength, long maxBytes) {
        ObjectNode json = readObject(body, contentLength, maxBytes);
        JsonNode model = json.get("model");
        if (model == null || model.isNull()) {
            throw new InvalidRequestException("missing_required_parameter", "model", "you must provide a model parameter");
        }
        if (!model.isTextual() || model.textValue().isBlank()) {
            throw new InvalidRequestException("invalid_type", "model", "'model' must be a non-empty string");
        }
        JsonNode messages = json.get("messages");
        if (messages == null || messages.isNull()) {
            throw new InvalidRequestException("missing_required_parameter", "messages", "Missing required parameter: 'messages'.");
        }
        if (!messages.isArray() || messages.isEmpty()) {
            throw new InvalidRequestException("invalid_value", "messages", "'messages' must be a non-empty array");
        }
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            if (!message.isObject() || !message.path("role").isTextual()) {
                throw new InvalidRequestException("invalid_value", "messages[" + i + "]",
                        "messages[" + i + "] must be an object with a string 'role'");
            }
        }
        JsonNode stream = json.get("stream");
        if (stream != null && !stream.isNull() && !stream.isBoolean()) {
            throw new InvalidRequestException("invalid_type", "stream", "'stream' must be true or false");
        }
        boolean streaming = stream != null && stream.asBoolean(false);
        boolean includeUsage = json.path("stream_options").path("include_usage").asBoolean(false);
        return new ChatRequest(json, model.textValue(), streaming, includeUsage);
    }

    static ObjectNode readObject(InputStream body, long contentLength, long maxBytes) {
        if (contentLength > maxBytes) {
            throw tooLarge(maxBytes);
        }
        byte[] bytes;
        try {
            bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        } catch (IOException e) {
            throw new InvalidRequestException("body_unreadable", null, "The request body could not be read.");
        }
        if (bytes.length > maxBytes) {
            throw tooLarge(maxBytes);
        }
        if (bytes.length == 0) {
            throw new InvalidRequestException("invalid_json", null, "The request body is empty; expected a JSON object.");
        }
        try {
            JsonNode node = WireJson.MAPPER.readTree(bytes);
            if (node instanceof ObjectNode object) {
                return object;
            }
            throw new InvalidRequestException("invalid_json", null, "The request body must be a JSON object.");
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("invalid_json", null, "We could not parse the JSON body of your request: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidRequestException("invalid_json", null, "The request body could not be read.");
        }
    }

    private static PayloadTooLargeException tooLarge(long maxBytes) {
        return new PayloadTooLargeException("The request body is larger than this gateway accepts (" + maxBytes
                + " bytes; set preferences.max_request_body_bytes to change it).");
    }
}
