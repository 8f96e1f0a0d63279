package io.uniapi.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uniapi.http.SseEvent;
import io.uniapi.providers.AttemptTarget;
import io.uniapi.providers.ChatCompletionShapes;
import io.uniapi.providers.ChunkSink;
import io.uniapi.providers.StreamTranslator;
import io.uniapi.providers.UpstreamAnswerException;
import io.uniapi.providers.UpstreamError;

import java.util.HashMap;
import java.util.Map;

/**
 * Anthropic's stream (https://docs.anthropic.com/en/docs/build-with-claude/streaming) → OpenAI chunks, event by
 * event: {@code message_start} → the role chunk; text and thinking deltas → {@code content} and
 * {@code reasoning_content}; a {@code tool_use} block → a tool call start (its own {@code index}, the upstream
 * {@code id}) then its argument fragments under the same index; {@code message_delta} → the finish chunk;
 * {@code message_stop} → the usage chunk and the end. Thinking signatures are passed as {@code thinking_blocks} deltas
 * so clients can send them back. State: which content block is which tool call, and the usage so far.
 */
final class AnthropicStreamTranslator implements StreamTranslator {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final ChatCompletionShapes shapes;
    private final AnthropicUsage usage = new AnthropicUsage();
    private final Map<Integer, Integer> toolIndexByBlock = new HashMap<>(4);
    private String finishReason;

    AnthropicStreamTranslator(AttemptTarget target) {
        this.shapes = new ChatCompletionShapes(target.alias());
    }

    @Override
    public void onEvent(SseEvent event, ChunkSink sink) throws UpstreamAnswerException {
        ObjectNode data = StreamTranslator.jsonData(event, sink, "a stream event is not JSON");
        if (data == null) {
            return;
        }
        String type = data.path("type").asText(event.event() == null ? "" : event.event());
        switch (type) {
            case "message_start" -> {
                usage.update(data.path("message").get("usage"));
                sink.chunk(shapes.roleChunk());
            }
            case "content_block_start" -> blockStart(data.path("index").asInt(), data.path("content_block"), sink);
            case "content_block_delta" -> blockDelta(data.path("index").asInt(), data.path("delta"), sink);
            case "message_delta" -> {
                usage.update(data.get("usage"));
                finishReason = AnthropicFinishReason.of(data.path("delta").path("stop_reason").asText(null));
                sink.chunk(shapes.chunk(JSON.objectNode(), finishReason));
            }
            case "message_stop" -> {
                if (finishReason == null) {
                    sink.chunk(shapes.chunk(JSON.objectNode(), "stop"));
                }
                sink.chunk(shapes.usageChunk(usage.toOpenAi()));
                sink.done();
            }
            case "error" -> {
                UpstreamError error = AnthropicErrorTranslator.fromJson(0, data);
                throw new UpstreamAnswerException(error != null ? error
                        : new UpstreamError(502, "Anthropic sent an error event: " + event.data(), null));
            }
            default -> {
                // ping, content_block_stop and event types added later carry nothing for the client.
            }
        }
    }

    private void blockStart(int blockIndex, JsonNode block, ChunkSink sink) {
        switch (block.path("type").asText()) {
            case "tool_use" -> {
                int toolIndex = toolIndexByBlock.size();
                toolIndexByBlock.put(blockIndex, toolIndex);
                ObjectNode call = toolCallDelta(toolIndex).put("id", block.path("id").asText()).put("type", "function");
                call.putObject("function").put("name", block.path("name").asText()).put("arguments", "");
                sink.chunk(shapes.chunk(toolCalls(call), null));
            }
            case "text" -> text("content", block.path("text").asText(""), sink);
            case "thinking" -> text("reasoning_content", block.path("thinking").asText(""), sink);
            case "redacted_thinking" -> sink.chunk(shapes.chunk(thinkingBlock(block), null));
            default -> {
                // Server tool use and its results have no OpenAI equivalent.
            }
        }
    }

    private void blockDelta(int blockIndex, JsonNode delta, ChunkSink sink) {
        switch (delta.path("type").asText()) {
            case "text_delta" -> text("content", delta.path("text").asText(""), sink);
            case "thinking_delta" -> text("reasoning_content", delta.path("thinking").asText(""), sink);
            case "signature_delta" -> sink.chunk(shapes.chunk(thinkingBlock(JSON.objectNode().put("type", "thinking")
                    .put("thinking", "").put("signature", delta.path("signature").asText())), null));
            case "input_json_delta" -> {
                Integer toolIndex = toolIndexByBlock.get(blockIndex);
                String fragment = delta.path("partial_json").asText("");
                if (toolIndex != null && !fragment.isEmpty()) {
                    ObjectNode call = toolCallDelta(toolIndex);
                    call.putObject("function").put("arguments", fragment);
                    sink.chunk(shapes.chunk(toolCalls(call), null));
                }
            }
            default -> {
                // citations_delta and later delta types.
            }
        }
    }

    private void text(String field, String text, ChunkSink sink) {
        if (!text.isEmpty()) {
            sink.chunk(shapes.textChunk(field, text));
        }
    }

    private static ObjectNode toolCallDelta(int index) {
        return JSON.objectNode().put("index", index);
    }

    private static ObjectNode toolCalls(ObjectNode call) {
        ObjectNode delta = JSON.objectNode();
        delta.putArray("tool_calls").add(call);
        return delta;
    }

    private static ObjectNode thinkingBlock(JsonNode block) {
        ObjectNode delta = JSON.objectNode();
        ArrayNode blocks = delta.putArray("thinking_blocks");
        blocks.add(block);
        return delta;
    }
}
