package io.uniapi.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uniapi.http.SseEvent;
import io.uniapi.providers.ChunkSink;
import io.uniapi.providers.ChatCompletionShapes;
import io.uniapi.providers.StreamTranslator;
import io.uniapi.providers.UpstreamAnswerException;

/**
 * Gemini's {@code streamGenerateContent?alt=sse} events → OpenAI chunks: a role chunk first, then reasoning, content
 * and tool-call deltas in the order Gemini sends them (each function call gets its own stable {@code index} and
 * {@code id}: a start delta with the name, then one with the whole arguments), a finish chunk
 * ({@code tool_calls}, {@code length}, {@code content_filter} or {@code stop}), and, when the stream closes, the
 * usage chunk. Gemini has no end marker: a stream that closes without a finish reason was cut short.
 */
public final class GeminiStreamTranslator implements StreamTranslator {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final ChatCompletionShapes shapes;
    private final ToolCallMemory memory;
    private boolean roleSent;
    private boolean finished;
    private int toolCalls;
    private JsonNode usage;

    public GeminiStreamTranslator(String alias, ToolCallMemory memory) {
        this.shapes = new ChatCompletionShapes(alias);
        this.memory = memory;
    }

    @Override
    public void onEvent(SseEvent event, ChunkSink sink) throws UpstreamAnswerException {
        ObjectNode json = StreamTranslator.jsonData(event, sink, "a stream event is not a JSON object");
        if (json == null) {
            return;
        }
        JsonNode candidate = GeminiResponseTranslator.firstCandidate(json);
        if (json.has("usageMetadata")) {
            usage = json.get("usageMetadata");
        }
        if (!roleSent) {
            roleSent = true;
            sink.chunk(shapes.roleChunk());
        }
        GeminiAnswerParts.read(candidate, new GeminiAnswerParts.Visitor() {
            @Override
            public void reasoning(String text) {
                sink.chunk(shapes.textChunk("reasoning_content", text));
            }

            @Override
            public void text(String text) {
                sink.chunk(shapes.textChunk("content", text));
            }

            @Override
            public void toolCall(String upstreamId, String name, String argumentsJson, String signature) {
                emitToolCall(upstreamId, name, argumentsJson, signature, sink);
            }
        });
        String reason = candidate.path("finishReason").asText(null);
        if (reason != null && !finished) {
            finished = true;
            sink.chunk(shapes.chunk(JSON.objectNode(), GeminiFinishReasons.toOpenAi(reason, toolCalls > 0)));
        }
    }

    @Override
    public void onEnd(ChunkSink sink) {
        if (!finished) {
            return;
        }
        ObjectNode openAiUsage = GeminiUsage.toOpenAi(usage);
        if (openAiUsage != null) {
            sink.chunk(shapes.usageChunk(openAiUsage));
        }
        sink.done();
    }

    private void emitToolCall(String upstreamId, String name, String argumentsJson, String signature, ChunkSink sink) {
        int index = toolCalls++;
        String callId = GeminiToolCalls.idFor(upstreamId);
        memory.remember(callId, signature, upstreamId != null);
        ObjectNode start = GeminiToolCalls.complete(callId, name, "", signature);
        start.put("index", index);
        ObjectNode startDelta = JSON.objectNode();
        startDelta.putArray("tool_calls").add(start);
        sink.chunk(shapes.chunk(startDelta, null));
        ObjectNode argumentsDelta = JSON.objectNode();
        ObjectNode arguments = argumentsDelta.putArray("tool_calls").addObject();
        arguments.put("index", index);
        arguments.putObject("function").put("arguments", argumentsJson);
        sink.chunk(shapes.chunk(argumentsDelta, null));
    }
}
