package io.uniapi.providers.gemini;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** OpenAI {@code tool_calls[]} entries made from Gemini function calls. */
final class GeminiToolCalls {
    private GeminiToolCalls() {
    }

    /** A complete tool call (non-streamed answers, and the first delta of a streamed one when {@code index} is set). */
    static ObjectNode complete(String id, String name, String argumentsJson, String signature) {
        ObjectNode call = JsonNodeFactory.instance.objectNode();
        call.put("id", id);
        call.put("type", "function");
        call.putObject("function").put("name", name).put("arguments", argumentsJson);
        if (signature != null && !signature.isEmpty()) {
            // Where Google's own OpenAI-compatible endpoint puts it, for clients that keep it.
            call.putObject("extra_content").putObject("google").put("thought_signature", signature);
        }
        return call;
    }
}
