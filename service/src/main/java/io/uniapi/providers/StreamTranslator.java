package io.uniapi.providers;

import io.uniapi.http.SseEvent;

/**
 * Turns one provider's stream into OpenAI chunks. One instance per stream; it holds only the little state that
 * the provider's format needs (e.g. which tool call an argument fragment belongs to).
 */
public interface StreamTranslator {
    /** Translates one upstream event into zero or more chunks. */
    void onEvent(SseEvent event, ChunkSink sink) throws UpstreamAnswerException;

    /** The upstream closed the stream. Translators whose format has no end marker call {@link ChunkSink#done()} here. */
    default void onEnd(ChunkSink sink) throws UpstreamAnswerException {
    }
}
