package io.uniapi.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uniapi.http.SseEvent;
import io.uniapi.providers.AttemptTarget;
import io.uniapi.providers.ChunkSink;
import io.uniapi.providers.StreamTranslator;
import io.uniapi.providers.UpstreamAnswerException;
import io.uniapi.providers.UpstreamError;

/**
 * OpenAI-compatible chunks pass through one by one, with {@code model} set to the client's alias, reasoning brought
 * to {@code reasoning_content} (OpenRouter's {@code reasoning}; a {@code <think>} block in the content, split across
 * chunk boundaries), and chunks that carry nothing for a client (no choices, no usage: Azure's prompt filter results)
 * dropped. Once the answer text has started outside a think block, chunks are no longer inspected.
 */
final class OpenAiStreamTranslator implements StreamTranslator {
    private final AttemptTarget target;
    private final ThinkTagSplitter thinkTags = new ThinkTagSplitter();

    OpenAiStreamTranslator(AttemptTarget target) {
        this.target = target;
    }

    @Override
    public void onEvent(SseEvent event, ChunkSink sink) throws UpstreamAnswerException {
        if (event.isDone()) {
            sink.done();
            return;
        }
        ObjectNode chunk = StreamTranslator.jsonData(event, sink, "a stream event is not JSON");
        if (chunk == null) {
            return;
        }
        UpstreamError error = OpenAiErrorTranslator.fromJson(502, chunk);
        if (error != null || "error".equals(event.event())) {
            throw new UpstreamAnswerException(error != null ? error
                    : new UpstreamError(502, "Upstream sent an error event: " + event.data(), null));
        }
        if (chunk.has("model")) {
            chunk.put("model", target.alias());
        }
        JsonNode choices = chunk.get("choices");
        if (choices == null || !choices.isArray() || choices.isEmpty()) {
            if (chunk.hasNonNull("usage")) {
                sink.chunk(chunk);
            }
            return;
        }
        if (choices.size() == 1 && choices.get(0).get("delta") instanceof ObjectNode delta) {
            OpenAiReasoning.renameReasoningField(delta);
            ((ObjectNode) choices.get(0)).remove("content_filter_results");
            if (!thinkTags.passThrough()) {
                splitThinkTags(chunk, delta, choices.get(0), sink);
                return;
            }
        }
        sink.chunk(chunk);
    }

    /** Emits the chunk with its content split into reasoning and answer (two chunks when it holds both). */
    private void splitThinkTags(ObjectNode chunk, ObjectNode delta, JsonNode choice, ChunkSink sink) {
        JsonNode content = delta.get("content");
        ThinkTagSplitter.Split split = content != null && content.isTextual()
                ? thinkTags.feed(content.textValue()) : new ThinkTagSplitter.Split("", "");
        boolean finishing = !choice.path("finish_reason").isNull() && !choice.path("finish_reason").isMissingNode();
        if (finishing) {
            ThinkTagSplitter.Split rest = thinkTags.flush();
            split = new ThinkTagSplitter.Split(split.reasoning() + rest.reasoning(), split.content() + rest.content());
        }
        if (content == null || !content.isTextual()) {
            if (!split.isEmpty()) {
                ObjectNode before = chunk.deepCopy();
                ObjectNode beforeDelta = (ObjectNode) before.get("choices").get(0).get("delta");
                beforeDelta.removeAll();
                fill(beforeDelta, split);
                ((ObjectNode) before.get("choices").get(0)).putNull("finish_reason");
                sink.chunk(before);
            }
            sink.chunk(chunk);
            return;
        }
        if (!split.reasoning().isEmpty() && !split.content().isEmpty()) {
            ObjectNode reasoningChunk = chunk.deepCopy();
            ObjectNode reasoningDelta = (ObjectNode) reasoningChunk.get("choices").get(0).get("delta");
            reasoningDelta.put("content", "");
            reasoningDelta.put("reasoning_content", split.reasoning());
            ((ObjectNode) reasoningChunk.get("choices").get(0)).putNull("finish_reason");
            sink.chunk(reasoningChunk);
            delta.retain("content");
            delta.put("content", split.content());
            sink.chunk(chunk);
            return;
        }
        if (!split.reasoning().isEmpty()) {
            delta.put("content", "");
            delta.put("reasoning_content", split.reasoning());
        } else {
            delta.put("content", split.content());
        }
        sink.chunk(chunk);
    }

    private static void fill(ObjectNode delta, ThinkTagSplitter.Split split) {
        delta.put("content", split.content());
        if (!split.reasoning().isEmpty()) {
            delta.put("reasoning_content", split.reasoning());
        }
    }
}
