package io.uniapi.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uniapi.providers.ChatCompletionShapes;
import io.uniapi.providers.UpstreamAnswerException;
import io.uniapi.providers.UpstreamError;
import io.uniapi.providers.WireJson;

/**
 * A Gemini {@code GenerateContentResponse} → an OpenAI {@code chat.completion}: text, reasoning, every parallel
 * {@code functionCall} as a tool call with its own id (uni-api kept only the first and had no id; reference bug
 * §10.6, fixed), finish reason and usage. The response's {@code model} is the alias the client asked for.
 */
public final class GeminiResponseTranslator {
    private GeminiResponseTranslator() {
    }

    public static ObjectNode completion(byte[] body, String alias, ToolCallMemory memory)
            throws UpstreamAnswerException {
        ObjectNode json = WireJson.objectOrNull(body);
        if (json == null) {
            throw UpstreamAnswerException.malformed("the body is not a JSON object");
        }
        JsonNode candidate = firstCandidate(json);
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        ArrayNode toolCalls = JsonNodeFactory.instance.arrayNode();
        GeminiAnswerParts.read(candidate, new GeminiAnswerParts.Visitor() {
            @Override
            public void reasoning(String part) {
                reasoning.append(part);
            }

            @Override
            public void text(String part) {
                text.append(part);
            }

            @Override
            public void toolCall(String upstreamId, String name, String argumentsJson, String signature) {
                String id = GeminiToolCalls.idFor(upstreamId);
                memory.remember(id, signature, upstreamId != null);
                toolCalls.add(GeminiToolCalls.complete(id, name, argumentsJson, signature));
            }
        });
        String finishReason = candidate.path("finishReason").asText(null);
        if (text.isEmpty() && reasoning.isEmpty() && toolCalls.isEmpty()
                && (finishReason == null || "STOP".equals(finishReason))) {
            throw new UpstreamAnswerException(new UpstreamError(502, "Upstream server returned an empty response.", null));
        }
        ObjectNode message = JsonNodeFactory.instance.objectNode();
        message.put("role", "assistant");
        if (text.isEmpty() && !toolCalls.isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", text.toString());
        }
        if (!reasoning.isEmpty()) {
            message.put("reasoning_content", reasoning.toString());
        }
        if (!toolCalls.isEmpty()) {
            message.set("tool_calls", toolCalls);
        }
        message.putNull("refusal");
        return new ChatCompletionShapes(alias).completion(message, GeminiFinishReasons.toOpenAi(finishReason, !toolCalls.isEmpty()),
                GeminiUsage.toOpenAi(json.get("usageMetadata")));
    }

    /** The first candidate; an error or a blocked prompt in the answer is thrown as the client should see it. */
    static JsonNode firstCandidate(JsonNode json) throws UpstreamAnswerException {
        UpstreamError error = GeminiErrorTranslator.fromJson(0, json);
        if (error != null) {
            throw new UpstreamAnswerException(error);
        }
        JsonNode candidates = json.path("candidates");
        if (candidates.isArray() && !candidates.isEmpty()) {
            return candidates.get(0);
        }
        String blocked = json.path("promptFeedback").path("blockReason").asText("");
        if (!blocked.isEmpty()) {
            ObjectNode openAi = JsonNodeFactory.instance.objectNode();
            String message = "Gemini blocked the prompt (" + blocked + ").";
            openAi.put("message", message).put("type", "invalid_request_error").putNull("param")
                    .put("code", "content_filter");
            throw new UpstreamAnswerException(new UpstreamError(400, message, openAi));
        }
        return JsonNodeFactory.instance.objectNode();
    }
}
