package io.uniapi.providers.gemini;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.concurrent.ThreadLocalRandom;

/** OpenAI {@code tool_calls[]} entries made from Gemini function calls. */
final class GeminiToolCalls {
    private static final char[] ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private GeminiToolCalls() {
    }

    /**
     * The OpenAI id of a call: Gemini's own when it chose one, else {@code call_} and 24 random alphanumerics (the
     * shape of OpenAI's ids; uni-api sent none without a signature, reference bug §10.6, fixed).
     */
    static String idFor(String upstreamId) {
        if (upstreamId != null) {
            return upstreamId;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] suffix = new char[24];
        for (int i = 0; i < suffix.length; i++) {
            suffix[i] = ALPHANUMERIC[random.nextInt(ALPHANUMERIC.length)];
        }
        return "call_" + new String(suffix);
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
