package io.uniapi.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uniapi.http.SseEvent;
import io.uniapi.http.TransportException;
import io.uniapi.http.UpstreamStream;
import io.uniapi.providers.ChatRequest;
import io.uniapi.providers.ChunkSink;
import io.uniapi.providers.StreamTranslator;
import io.uniapi.providers.UpstreamAnswerException;
import io.uniapi.providers.WireJson;
import io.uniapi.telemetry.TokenUsage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A streamed answer from one upstream. Before it is committed it only reads and buffers (nothing has reached the
 * client, so failing over is still possible); it commits on the first chunk with real content or a terminal event.
 * After commit, {@link #relayTo} writes each chunk to the client as soon as it is translated.
 */
public final class StreamRelay implements ChunkSink {
    private final UpstreamStream upstream;
    private final StreamTranslator translator;
    private final ChatRequest request;
    private final RequestContext context;
    private final AttemptOutcome attempt;
    private final List<ObjectNode> pending = new ArrayList<>(4);
    private EventWriter out;
    private boolean committed;
    private boolean upstreamDone;
    private IOException clientFailure;

    StreamRelay(UpstreamStream upstream, StreamTranslator translator, ChatRequest request, RequestContext context,
                AttemptOutcome attempt) {
        this.upstream = upstream;
        this.translator = translator;
        this.request = request;
        this.context = context;
        this.attempt = attempt;
    }

    /** Reads until the stream commits. Throws (and releases the upstream) if it fails before that. */
    void awaitCommit() throws TransportException, UpstreamAnswerException {
        try {
            while (!committed) {
                SseEvent event = upstream.next();
                if (event == null) {
                    translator.onEnd(this);
                    if (!committed) {
                        throw UpstreamAnswerException.malformed("the stream ended before any content");
                    }
                    return;
                }
                translator.onEvent(event, this);
            }
        } catch (TransportException | UpstreamAnswerException | RuntimeException e) {
            upstream.close();
            throw e;
        }
    }

    /** Releases the upstream when the stream will not be relayed after all (e.g. the response could not start). */
    void discard() {
        upstream.close();
        attempt.report();
    }

    /**
     * Writes the stream to the client until the upstream ends, the upstream fails (one in-band error event, no
     * {@code [DONE]}) or the client goes away (the upstream request is cancelled).
     */
    public void relayTo(EventWriter writer) {
        out = writer;
        context.listener().streamOpened();
        int status = 200;
        String error = null;
        try {
            for (ObjectNode chunk : pending) {
                write(chunk);
            }
            pending.clear();
            while (!upstreamDone && clientFailure == null) {
                SseEvent event = upstream.next();
                if (event == null) {
                    translator.onEnd(this);
                    if (!upstreamDone) {
                        throw UpstreamAnswerException.malformed("the stream ended without a final event");
                    }
                    break;
                }
                translator.onEvent(event, this);
            }
            if (clientFailure != null) {
                status = 499;
                error = "client_disconnected";
                upstream.abort("client disconnected");
            } else {
                out.done();
            }
        } catch (TransportException | UpstreamAnswerException e) {
            status = 502;
            error = "stream_interrupted";
            attempt.failedAfterCommit(status, e.getMessage());
            writeError(e.getMessage());
        } catch (IOException e) {
            status = 499;
            error = "client_disconnected";
            upstream.abort("client disconnected");
        } finally {
            upstream.close();
            attempt.report();
            context.listener().streamClosed();
            context.finish(request.model(), status, true, error);
        }
    }

    @Override
    public void chunk(ObjectNode chunk) {
        JsonNode usage = chunk.get("usage");
        if (usage != null && usage.isObject()) {
            context.usage(TokenUsage.from(usage));
            JsonNode choices = chunk.get("choices");
            if (!request.includeUsage() && (choices == null || choices.isEmpty())) {
                return;
            }
        }
        if (!committed) {
            pending.add(chunk);
            if (commits(chunk)) {
                commit();
            }
            return;
        }
        write(chunk);
    }

    @Override
    public void comment(String text) {
        if (committed && clientFailure == null) {
            try {
                out.comment(text);
            } catch (IOException e) {
                clientFailure = e;
            }
        }
    }

    @Override
    public void done() {
        upstreamDone = true;
        if (!committed) {
            commit();
        }
    }

    private void commit() {
        committed = true;
        context.firstByteSent();
        attempt.succeeded();
    }

    private void write(ObjectNode chunk) {
        if (out == null) {
            pending.add(chunk);
            return;
        }
        if (clientFailure != null) {
            return;
        }
        try {
            out.data(WireJson.bytes(chunk));
        } catch (IOException e) {
            clientFailure = e;
        }
    }

    private void writeError(String message) {
        ObjectNode error = JsonNodeFactory.instance.objectNode();
        error.putObject("error")
                .put("message", "Upstream stream failed: " + attempt.redact(message))
                .put("type", "upstream_error")
                .putNull("param")
                .put("code", "stream_interrupted");
        try {
            out.data(WireJson.bytes(error));
        } catch (IOException ignored) {
            // The client is gone as well; nothing more to tell it.
        }
    }

    /** A chunk that carries something a client shows, or ends the answer, commits the stream to this upstream. */
    static boolean commits(ObjectNode chunk) {
        JsonNode usage = chunk.get("usage");
        if (usage != null && usage.isObject()) {
            return true;
        }
        for (JsonNode choice : chunk.path("choices")) {
            if (!choice.path("finish_reason").isNull() && !choice.path("finish_reason").isMissingNode()) {
                return true;
            }
            JsonNode delta = choice.path("delta");
            if (nonEmpty(delta.get("content")) || nonEmpty(delta.get("reasoning_content"))
                    || nonEmpty(delta.get("tool_calls")) || nonEmpty(delta.get("refusal")) || nonEmpty(delta.get("audio"))
                    || nonEmpty(delta.get("function_call"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean nonEmpty(JsonNode node) {
        if (node == null || node.isNull()) {
            return false;
        }
        return node.isTextual() ? !node.textValue().isEmpty() : !node.isEmpty() || node.isValueNode();
    }
}
