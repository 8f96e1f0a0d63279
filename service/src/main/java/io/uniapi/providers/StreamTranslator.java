package io.uniapi.providers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uniapi.http.SseEvent;

/**
 * Turns one provider's stream into OpenAI chunks. One instance per stream; it holds only the little state that
 * the provider's format needs (e.g. which tool call an argument fragment belongs to).
 */
public interface StreamTranslator {
    /** Translates one upstream event into zero or more chunks. */
    void onEvent(SseEvent event, ChunkSink sink) throws UpstreamAnswerException;

    /**
     * The common start of {@link #onEvent} for a stream of JSON events: a comment goes to the sink as it is and an
     * event without data is skipped (both null); data that is not a JSON object is malformed, {@code notJson} says
     * how.
     */
    static ObjectNode jsonData(SseEvent event, ChunkSink sink, String notJson) throws UpstreamAnswerException {
        if (event.isComment()) {
            sink.comment(event.comment());
            return null;
        }
        if (event.data() == null || event.data().isBlank()) {
            return null;
        }
        ObjectNode json = WireJson.objectOrNull(event.data());
        if (json == null) {
            throw UpstreamAnswerException.malformed(notJson);
        }
        return json;
    }

    /** The upstream closed the stream. Translators whose format has no end marker call {@link ChunkSink#done()} here. */
    default void onEnd(ChunkSink sink) throws UpstreamAnswerException {
    }
}
