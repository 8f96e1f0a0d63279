package io.uniapi.testing;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Named misbehaviours of an OpenAI-compatible upstream (https://platform.openai.com/docs/guides/error-codes), as
 * {@link FakeUpstream.Responder}s: error statuses, 429 with {@code Retry-After}, a slow first byte, a stall or a cut
 * in the middle of a stream, a reset connection, an error-trigger text, empty answers.
 */
public final class Faults {
    private Faults() {
    }

    /** An HTTP error with OpenAI's error body. */
    public static FakeUpstream.Responder status(int status, String message) {
        return (request, exchange) -> exchange.json(status, OpenAiWire.error(message,
                status >= 500 ? "server_error" : "invalid_request_error", null));
    }

    /** 429 as OpenAI sends it: {@code rate_limit_exceeded}, "Please try again in Ns", and {@code Retry-After}. */
    public static FakeUpstream.Responder rateLimited(int retryAfterSeconds) {
        return (request, exchange) -> exchange.header("Retry-After", String.valueOf(retryAfterSeconds)).json(429,
                OpenAiWire.error("Rate limit reached for requests. Please try again in " + retryAfterSeconds + "s.",
                        "requests", "rate_limit_exceeded"));
    }

    /** 429 for an exhausted quota ({@code insufficient_quota}). */
    public static FakeUpstream.Responder quotaExhausted() {
        return (request, exchange) -> exchange.json(429, OpenAiWire.error(
                "You exceeded your current quota, please check your plan and billing details.",
                "insufficient_quota", "insufficient_quota"));
    }

    /** Nothing for {@code millis}, then {@code then}. */
    public static FakeUpstream.Responder slowFirstByte(long millis, FakeUpstream.Responder then) {
        return (request, exchange) -> {
            exchange.pause(millis);
            then.respond(request, exchange);
        };
    }

    /** A stream that sends its role chunk and {@code words}, then goes silent for {@code millis} and ends. */
    public static FakeUpstream.Responder stallMidStream(String model, long millis, String... words) {
        return (request, exchange) -> {
            exchange.startSse();
            exchange.event(OpenAiWire.roleChunk(model));
            for (String word : words) {
                exchange.event(OpenAiWire.contentChunk(model, word));
            }
            exchange.pause(millis);
            exchange.event(OpenAiWire.finishChunk(model, "stop"));
            exchange.event("[DONE]");
        };
    }

    /** A stream cut (TCP closed) after the role chunk and {@code words}, without a finish or {@code [DONE]}. */
    public static FakeUpstream.Responder cutStream(String model, String... words) {
        return (request, exchange) -> {
            exchange.startSse();
            exchange.event(OpenAiWire.roleChunk(model));
            for (String word : words) {
                exchange.event(OpenAiWire.contentChunk(model, word));
            }
            exchange.pause(50);
            exchange.cut();
        };
    }

    /** The connection is closed before any answer. */
    public static FakeUpstream.Responder reset() {
        return (request, exchange) -> exchange.cut();
    }

    /** A stream whose first content is {@code text} (e.g. a text listed in {@code error_triggers}). */
    public static FakeUpstream.Responder streamSaying(String model, String text) {
        return OpenAiWire.stream(model, 0, text);
    }

    /** A non-streamed answer whose content is empty and that has no tool calls. */
    public static FakeUpstream.Responder emptyAnswer() {
        return OpenAiWire.answer("");
    }

    /** A stream whose first chunk already finishes ("stop") without any content. */
    public static FakeUpstream.Responder emptyStream(String model) {
        return (request, exchange) -> {
            exchange.startSse();
            exchange.event(OpenAiWire.finishChunk(model, "stop"));
            exchange.event("[DONE]");
        };
    }

    /** A stream whose first event is an error object. */
    public static FakeUpstream.Responder streamError(String message) {
        return (request, exchange) -> {
            exchange.startSse();
            exchange.event(OpenAiWire.error(message, "server_error", null));
        };
    }

    /** Answers the n-th request with the n-th responder; the last one answers every request after that. */
    public static FakeUpstream.Responder sequence(FakeUpstream.Responder... responders) {
        List<FakeUpstream.Responder> steps = List.of(responders);
        AtomicInteger calls = new AtomicInteger();
        return (request, exchange) -> steps.get(Math.min(calls.getAndIncrement(), steps.size() - 1))
                .respond(request, exchange);
    }

    /** Answers by upstream key ({@code Authorization: Bearer <key>}); other keys get {@code otherwise}. */
    public static FakeUpstream.Responder byKey(String key, FakeUpstream.Responder responder,
                                               FakeUpstream.Responder otherwise) {
        return (request, exchange) -> (("Bearer " + key).equals(request.header("Authorization")) ? responder : otherwise)
                .respond(request, exchange);
    }
}
