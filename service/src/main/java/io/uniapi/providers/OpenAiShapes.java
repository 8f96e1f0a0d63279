package io.uniapi.providers;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Builders for the OpenAI objects that translating engines synthesise: {@code chat.completion},
 * {@code chat.completion.chunk} and {@code usage}. Ids are random (uni-api seeds its generator with the current
 * second, so its ids repeat; reference bug §10.8, fixed).
 */
public final class OpenAiShapes {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final char[] ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private OpenAiShapes() {
    }

    /** {@code chatcmpl-} and 29 random alphanumerics. */
    public static String completionId() {
        return "chatcmpl-" + randomAlphanumeric(29);
    }

    /** {@code call_} and 24 random alphanumerics, the shape of OpenAI's own tool call ids. */
    public static String toolCallId() {
        return "call_" + randomAlphanumeric(24);
    }

    public static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }

    /** A chunk with one choice whose delta is {@code delta}; {@code finishReason} may be null. */
    public static ObjectNode chunk(String id, long created, String model, ObjectNode delta, String finishReason) {
        ObjectNode chunk = chunkEnvelope(id, created, model);
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return chunk;
    }

    /** The final usage chunk: no choices, only {@code usage}. */
    public static ObjectNode usageChunk(String id, long created, String model, ObjectNode usage) {
        ObjectNode chunk = chunkEnvelope(id, created, model);
        chunk.putArray("choices");
        chunk.set("usage", usage);
        return chunk;
    }

    /** A {@code chat.completion} with one choice. {@code usage} may be null. */
    public static ObjectNode completion(String model, ObjectNode message, String finishReason, ObjectNode usage) {
        ObjectNode completion = JSON.objectNode();
        completion.put("id", completionId());
        completion.put("object", "chat.completion");
        completion.put("created", nowSeconds());
        completion.put("model", model);
        ObjectNode choice = completion.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("message", message);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        if (usage != null) {
            completion.set("usage", usage);
        }
        return completion;
    }

    /** A full OpenAI {@code usage} object with cached and reasoning token details. */
    public static ObjectNode usage(long prompt, long completion, long total, long cached, long reasoning) {
        ObjectNode usage = JSON.objectNode();
        usage.put("prompt_tokens", prompt);
        usage.put("completion_tokens", completion);
        usage.put("total_tokens", total);
        usage.putObject("prompt_tokens_details").put("cached_tokens", cached).put("audio_tokens", 0);
        usage.putObject("completion_tokens_details").put("reasoning_tokens", reasoning).put("audio_tokens", 0)
                .put("accepted_prediction_tokens", 0).put("rejected_prediction_tokens", 0);
        return usage;
    }

    private static ObjectNode chunkEnvelope(String id, long created, String model) {
        ObjectNode chunk = JSON.objectNode();
        chunk.put("id", id);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", created);
        chunk.put("model", model);
        return chunk;
    }

    private static String randomAlphanumeric(int length) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHANUMERIC[random.nextInt(ALPHANUMERIC.length)];
        }
        return new String(out);
    }
}
