package io.uniapi.dispatch;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;

/**
 * What went wrong with one attempt, before anything reached the client: the facts {@link FailureClassifier} decides
 * on, and what the client is told if this is the last attempt.
 *
 * @param status      the status the client would see (the upstream's, or 502/503/504 for transport failures)
 * @param message     the upstream's message or ours, not yet redacted
 * @param errorObject the upstream's OpenAI-shaped {@code error} object, or null
 * @param retryAfter  the upstream's {@code Retry-After}, or null
 */
record Failure(Kind kind, int status, String message, ObjectNode errorObject, Duration retryAfter) {

    enum Kind {
        /** The upstream answered with a non-2xx status. */
        UPSTREAM_STATUS,
        /** A 2xx answer that carries an error or cannot be read (e.g. the first stream event is an error). */
        BAD_ANSWER,
        /** A 2xx answer without any content (behaviour reference §6.1). */
        EMPTY_ANSWER,
        /** A 2xx answer containing one of {@code preferences.error_triggers}. */
        ERROR_TRIGGER,
        /** Could not connect (refused, DNS, TLS). */
        CONNECT,
        /** The upstream was silent for longer than the timeout. */
        TIMEOUT,
        /** The connection broke or the stream was cut. */
        BROKEN,
        /** We stopped the call ourselves (the client went away, or the gateway is stopping). */
        CANCELLED,
        /** The channel needs a wire format this version does not have. */
        UNSUPPORTED
    }

    static Failure of(Kind kind, int status, String message) {
        return new Failure(kind, status, message, null, null);
    }
}
