package io.uniapi.dispatch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import io.uniapi.errors.GatewayException;
import io.uniapi.errors.InvalidRequestException;
import io.uniapi.errors.UpstreamException;
import io.uniapi.http.TransportException;
import io.uniapi.http.UpstreamHttp;
import io.uniapi.http.UpstreamRequest;
import io.uniapi.http.UpstreamResponse;
import io.uniapi.http.UpstreamStream;
import io.uniapi.providers.AttemptTarget;
import io.uniapi.providers.ChatRequest;
import io.uniapi.providers.EngineRegistry;
import io.uniapi.providers.ProviderEngine;
import io.uniapi.providers.UpstreamAnswerException;
import io.uniapi.providers.UpstreamError;
import io.uniapi.routing.Candidate;
import io.uniapi.routing.Router;
import io.uniapi.routing.Scheduling;
import io.uniapi.state.KeyCursors;
import io.uniapi.telemetry.TokenUsage;

import java.util.List;

/**
 * Serves one chat request across its candidate channels. The attempt loop is a Failsafe {@link RetryPolicy}: each
 * execution is one attempt on the next candidate (rule order, as {@link Scheduling} arranged it); a failure that
 * {@link FailureClassifier} says is worth another channel triggers the next execution, anything else ends the loop.
 * Nothing reaches the client until an attempt succeeds (for streams: commits), so failover is invisible to it.
 */
public final class Dispatcher {
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final Router router;
    private final Scheduling scheduling;
    private final EngineRegistry engines;
    private final UpstreamHttp http;
    private final KeyCursors keys;
    private final AttemptTimeouts timeouts;

    public Dispatcher(Router router, Scheduling scheduling, EngineRegistry engines, UpstreamHttp http, KeyCursors keys,
                      AttemptTimeouts timeouts) {
        this.router = router;
        this.scheduling = scheduling;
        this.engines = engines;
        this.http = http;
        this.keys = keys;
        this.timeouts = timeouts;
    }

    /** A complete {@code chat.completion}, or a {@link GatewayException} for the client. */
    public ObjectNode complete(RequestContext context, ChatRequest request) {
        return run(context, request, (candidate, attempt, engine, call) -> {
            UpstreamResponse response = http.exchange(call, timeouts.forAttempt(candidate));
            if (!response.successful()) {
                throw upstreamError(engine.error(response.status(), response.body()));
            }
            ObjectNode completion = engine.chatResponse(response.body(), request, attempt.target());
            context.usage(TokenUsage.from(completion.get("usage")));
            context.firstByteSent();
            attempt.succeeded();
            attempt.report();
            return completion;
        });
    }

    /** A stream committed to one upstream, ready to be relayed; or a {@link GatewayException} for the client. */
    public StreamRelay stream(RequestContext context, ChatRequest request) {
        return run(context, request, (candidate, attempt, engine, call) -> {
            UpstreamStream upstream = http.open(call, timeouts.forAttempt(candidate));
            if (!upstream.successful()) {
                try {
                    throw upstreamError(engine.error(upstream.status(), upstream.readBody(MAX_ERROR_BODY)));
                } finally {
                    upstream.close();
                }
            }
            StreamRelay relay = new StreamRelay(upstream, engine.streamTranslator(request, attempt.target()), request,
                    context, attempt);
            relay.awaitCommit();
            return relay;
        });
    }

    private <T> T run(RequestContext context, ChatRequest request, Attempt<T> attempt) {
        List<Candidate> candidates = scheduling.order(context.key(), request.model(),
                router.candidates(context.snapshot(), context.key(), request.model()));
        int maxAttempts = RetryBudget.maxAttempts(context.key(), candidates);
        RetryPolicy<T> policy = RetryPolicy.<T>builder()
                .handleIf(failure -> failure instanceof AttemptFailedException failed
                        && failed.decision() == FailureClassifier.Decision.NEXT_CANDIDATE)
                .withMaxAttempts(maxAttempts)
                .build();
        try {
            return Failsafe.with(policy).get(execution ->
                    attemptOn(candidates.get(execution.getAttemptCount() % candidates.size()), context, request, attempt));
        } catch (AttemptFailedException last) {
            throw clientError(last, request.model(), candidates.size() > 1 && maxAttempts > 1);
        }
    }

    private <T> T attemptOn(Candidate candidate, RequestContext context, ChatRequest request, Attempt<T> body) {
        AttemptTarget target = new AttemptTarget(candidate.channel(), candidate.model(), keys.next(candidate.channel()));
        AttemptOutcome outcome = new AttemptOutcome(context, target);
        ProviderEngine engine = engines.engine(candidate.channel().config(), target.upstreamModel()).orElse(null);
        if (engine == null) {
            outcome.failed(501, "engine_unavailable");
            throw new AttemptFailedException(501, "provider '" + candidate.channel().name()
                    + "' needs a wire format this version does not support yet", null, "engine_unavailable");
        }
        try {
            UpstreamRequest call = engine.chatRequest(request, target);
            return body.run(candidate, outcome, engine, call);
        } catch (InvalidRequestException e) {
            // The engine found the request unusable for its wire format (e.g. tool arguments that are not JSON):
            // every channel would refuse it, so it goes straight back to the client.
            outcome.failed(400, "invalid_request");
            throw e;
        } catch (UpstreamErrorException e) {
            return fail(outcome, e.error.status(), e.error.message(), e.error.errorObject(),
                    FailureClassifier.classOf(e.error.status()));
        } catch (UpstreamAnswerException e) {
            return fail(outcome, e.error().status(), e.error().message(), e.error().errorObject(), "bad_answer");
        } catch (TransportException e) {
            return fail(outcome, e.kind().status(), "provider '" + candidate.channel().name() + "': " + e.getMessage(),
                    null, e.kind().name().toLowerCase());
        }
    }

    private static <T> T fail(AttemptOutcome outcome, int status, String message, ObjectNode errorObject, String failureClass) {
        outcome.failed(status, failureClass);
        ObjectNode safeError = errorObject == null ? null : outcome.redact(errorObject);
        throw new AttemptFailedException(status, outcome.redact(message), safeError, failureClass);
    }

    /**
     * One attempt alone is answered with the upstream's own error; after several, with a summary naming the model
     * and the last error, under the last failure's status.
     */
    private static GatewayException clientError(AttemptFailedException last, String model, boolean severalTried) {
        int status = last.status() == 499 ? 502 : last.status();
        if (!severalTried || last.decision() == FailureClassifier.Decision.GIVE_UP) {
            return UpstreamException.relayed(status, last.getMessage(), last.errorObject());
        }
        return UpstreamException.exhausted(status, "All attempts for model '" + model + "' failed; last error: "
                + last.getMessage());
    }

    private static UpstreamErrorException upstreamError(UpstreamError error) {
        return new UpstreamErrorException(error);
    }

    /** A non-2xx upstream answer, already read by the provider's error translator. */
    private static final class UpstreamErrorException extends Exception {
        private final transient UpstreamError error;

        UpstreamErrorException(UpstreamError error) {
            super(error.message(), null, false, false);
            this.error = error;
        }
    }

    @FunctionalInterface
    private interface Attempt<T> {
        T run(Candidate candidate, AttemptOutcome outcome, ProviderEngine engine, UpstreamRequest call)
                throws TransportException, UpstreamAnswerException, UpstreamErrorException;
    }
}
