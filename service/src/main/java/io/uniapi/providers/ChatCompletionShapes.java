package io.uniapi.providers;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.security.SecureRandom;
import java.time.Instant;

/**
 * The OpenAI objects a translating engine builds (https://platform.openai.com/docs/api-reference/chat):
 * {@code chat.completion}, {@code chat.completion.chunk} and {@code usage}, with ids that do not repeat (reference bug
 * §10.8 fixed). One instance per answer: every chunk of a stream carries the same id and creation time.
 */
public final class ChatCompletionShapes {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final String id;
    private final long created;
    private final String model;

    /** @param model the alias the client asked for */
    public ChatCompletionShapes(String model) {
        this.id = newId();
        this.created = Instant.now().getEpochSecond();
        this.model = model;
    }

    /** {@code chatcmpl-} and 29 random alphanumerics, as OpenAI's ids look. */
    public static String newId() {
        char[] suffix = new char[29];
        for (int i = 0; i < suffix.length; i++) {
            suffix[i] = ALPHANUMERIC[RANDOM.nextInt(ALPHANUMERIC.length)];
        }
        return "chatcmpl-" + new String(suffix);
    }

    /** A chunk of choice 0 with this delta; {@code finishReason} may be null. */
    public ObjectNode chunk(ObjectNode delta, String finishReason) {
        ObjectNode chunk = header("chat.completion.chunk");
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        return chunk;
    }

    /** A chunk whose delta has one text field, e.g. {@code content} or {@code reasoning_content}. */
    public ObjectNode textChunk(String field, String text) {
        return chunk(JSON.objectNode().put(field, text), null);
    }

    /** The first chunk of a stream: the assistant role with empty content. */
    public ObjectNode roleChunk() {
        return chunk(JSON.objectNode().put("role", "assistant").put("content", ""), null);
    }

    /** The usage chunk that ends a stream: no choices. */
    public ObjectNode usageChunk(ObjectNode usage) {
        ObjectNode chunk = header("chat.completion.chunk");
        chunk.putArray("choices");
        chunk.set("usage", usage);
        return chunk;
    }

    /** A complete answer with one choice. */
    public ObjectNode completion(ObjectNode message, String finishReason, ObjectNode usage) {
        ObjectNode completion = header("chat.completion");
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

    /** OpenAI's full usage shape; {@code prompt} includes the cached tokens, {@code completion} the reasoning ones. */
    public static ObjectNode usage(long prompt, long completion, long cached, long reasoning) {
        ObjectNode usage = JSON.objectNode();
        usage.put("prompt_tokens", prompt);
        usage.put("completion_tokens", completion);
        usage.put("total_tokens", prompt + completion);
        usage.putObject("prompt_tokens_details").put("cached_tokens", cached).put("audio_tokens", 0);
        usage.putObject("completion_tokens_details").put("reasoning_tokens", reasoning).put("audio_tokens", 0)
                .put("accepted_prediction_tokens", 0).put("rejected_prediction_tokens", 0);
        return usage;
    }

    private ObjectNode header(String object) {
        ObjectNode node = JSON.objectNode();
        node.put("id", id);
        node.put("object", object);
        node.put("created", created);
        node.put("model", model);
        return node;
    }
}
