package io.uniapi.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uniapi.providers.AttemptTarget;
import io.uniapi.providers.UpstreamAnswerException;
import io.uniapi.providers.UpstreamError;
import io.uniapi.providers.WireJson;

/**
 * An OpenAI-compatible {@code chat.completion} passes through, with {@code model} set to the alias the client asked
 * for, reasoning brought to {@code reasoning_content}, and Azure's content filter annotations removed.
 */
final class OpenAiResponseTranslator {
    private OpenAiResponseTranslator() {
    }

    static ObjectNode completion(byte[] body, AttemptTarget target) throws UpstreamAnswerException {
        ObjectNode json = WireJson.objectOrNull(body);
        if (json == null) {
            throw UpstreamAnswerException.malformed("the body is not a JSON object");
        }
        UpstreamError error = OpenAiErrorTranslator.fromJson(502, json);
        if (error != null) {
            throw new UpstreamAnswerException(error);
        }
        JsonNode choices = json.get("choices");
        if (choices == null || !choices.isArray()) {
            throw UpstreamAnswerException.malformed("no 'choices' in the completion");
        }
        if (json.has("model")) {
            json.put("model", target.alias());
        }
        json.remove("prompt_filter_results");
        for (JsonNode choice : choices) {
            if (choice instanceof ObjectNode object) {
                object.remove("content_filter_results");
                if (object.get("message") instanceof ObjectNode message) {
                    OpenAiReasoning.renameReasoningField(message);
                    OpenAiReasoning.splitThinkTags(message);
                }
            }
        }
        return json;
    }
}
