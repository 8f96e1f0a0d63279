package io.uniapi.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uniapi.errors.UpstreamException;
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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A streamed answer from one upstream. Before it is committed it only reads and buffers (nothing has reached the
 * client, so failing over is still possible). It commits on the first chunk with real content, or on a finish that
 * is a real answer; a finish without any content is an empty answer (a failed attempt) unless the client prefilled
 * the assistant's turn, and a chunk containing an {@code error_triggers} text fails the attempt. After commit,
 * {@link #relayTo} writes each chunk to the client as soon as it is translated; an upstream failure then ends the
 * stream with exactly one in-band error event and no {@code [DONE]} (behaviour reference §6.6).
 */
final class UpstreamRelay implements ChunkSink {
    private final UpstreamStream upstream;
    private final StreamTranslator translator;
    private final ChatRequest request;
    private final RequestContext context;
    private final AttemptOutcome attempt;
    private final List<String> triggers;
    private final boolean prefilled;
    private final List<ObjectNode> pending = new ArrayList<>(4);
    private EventWriter out;
    private boolean committed;
    private boolean upstreamDone;
    private Failure rejection;
    private IOException clientFailure;

    UpstreamRelay(UpstreamStream upstream, StreamTranslator translator, ChatRequest request, RequestContext context,
                  AttemptOutcome attempt, List<String> triggers) {
        this.upstream = upstream;
        this.translator = translator;
        this.request = request;
        this.context = context;
        this.attempt = attempt;
        this.triggers = triggers;
        this.prefilled = AnswerChecks.prefilled(request);
    }

    /** Reads until the stream commits. Throws (and releases the upstream) if it fails before that. */
    void awaitCommit() throws TransportException, UpstreamAnswerException, FailureException {
        try {
            while (!committed) {
                SseEvent event = upstream.next();
                if (event == null) {
                    translator.onEnd(this);
                } else {
                    translator.onEvent(event, this);
                }
                if (rejection != null) {
                    throw new FailureException(rejection);
                }
                if (event == null && !committed) {
                    throw UpstreamAnswerException.malformed("the stream ended before any content");
                }
            }
        } catch (TransportException | UpstreamAnswerException | FailureException | RuntimeException e) {
            upstream.close();
            throw e;
        }
    }

    /** Releases the upstream when the stream will not be relayed after all (e.g. the client went away). */
    void discard() {
        upstream.close();
        attempt.report();
    }

    /**
     * Writes the stream to the client until the upstream ends, the upstream fails (one in-band error event, no
     * {@code [DONE]}) or the client goes away (the upstream request is cancelled).
     */
    void relayTo(EventWriter writer) {
        out = writer;
        context.listener().streamOpened();
        int status = 200;
        String error = null;
        try {
            for (ObjectNode chunk : pending) {
                write(chunk);
            }
            pending.clear();
            flushUnlessMoreArrived();
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
                flushUnlessMoreArrived();
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
        if (committed) {
            write(chunk);
        } else if (rejection == null) {
            beforeCommit(chunk);
        }
    }

    private void beforeCommit(ObjectNode chunk) {
        if (!triggers.isEmpty()) {
            String trigger = AnswerChecks.trigger(triggers, new String(WireJson.bytes(chunk), StandardCharsets.UTF_8));
            if (trigger != null) {
                rejection = Failure.of(Failure.Kind.ERROR_TRIGGER, 502,
                        "Upstream answer contains the error trigger '" + trigger + "'");
                return;
            }
        }
        pending.add(chunk);
        if (AnswerChecks.hasContent(chunk)) {
            commit();
            return;
        }
        String finish = AnswerChecks.finishReason(chunk);
        if (finish != null) {
            endWithoutContent(!"stop".equals(finish));
        }
    }

    @Override
    public void comment(String text) {
        if (committed && clientFailure == null && out != null) {
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
        if (!committed && rejection == null) {
            endWithoutContent(false);
        }
    }

    /** The answer finished before saying anything: a real answer only for a prefill or a non-"stop" finish. */
    private void endWithoutContent(boolean meaningfulFinish) {
        if (meaningfulFinish || prefilled) {
            commit();
        } else {
            rejection = Failure.of(Failure.Kind.EMPTY_ANSWER, 502, AnswerChecks.EMPTY);
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

    /**
     * Events are flushed as soon as the relay would wait for the upstream: each event reaches the client the moment
     * it arrived, and a burst that arrived in one read leaves in one write.
     */
    private void flushUnlessMoreArrived() {
        if (clientFailure != null || upstream.hasBufferedEvents()) {
            return;
        }
        try {
            out.flush();
        } catch (IOException e) {
            clientFailure = e;
        }
    }

    private void writeError(String message) {
        ObjectNode error = JsonNodeFactory.instance.objectNode()
                .put("message", "Upstream stream failed: " + attempt.redact(message))
                .put("type", "upstream_error")
                .putNull("param")
                .put("code", "stream_interrupted");
        try {
            out.error(UpstreamException.relayed(502, error.get("message").asText(), error));
        } catch (IOException ignored) {
            // The client is gone as well; nothing more to tell it.
        }
    }
}
