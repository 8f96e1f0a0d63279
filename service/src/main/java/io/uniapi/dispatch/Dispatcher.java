package io.uniapi.dispatch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uniapi.config.ClientPolicy;
import io.uniapi.config.DispatchPolicies;
import io.uniapi.errors.GatewayException;
import io.uniapi.errors.InvalidRequestException;
import io.uniapi.errors.RateLimitedException;
import io.uniapi.errors.ServiceUnavailableException;
import io.uniapi.errors.UpstreamException;
import io.uniapi.http.TransportException;
import io.uniapi.http.UpstreamHttp;
import io.uniapi.http.UpstreamRequest;
import io.uniapi.http.UpstreamResponse;
import io.uniapi.http.UpstreamStream;
import io.uniapi.limits.Admission;
import io.uniapi.limits.RateLimit;
import io.uniapi.limits.RateLimiter;
import io.uniapi.providers.AttemptTarget;
import io.uniapi.providers.ChatRequest;
import io.uniapi.providers.EngineRegistry;
import io.uniapi.providers.ProviderEngine;
import io.uniapi.providers.UpstreamAnswerException;
import io.uniapi.providers.UpstreamError;
import io.uniapi.providers.WireJson;
import io.uniapi.routing.Candidate;
import io.uniapi.routing.RoutePlanner;
import io.uniapi.telemetry.TokenUsage;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Serves one chat request across its candidate channels:
 * <ol>
 *   <li>admits it against the client key's {@code rate_limit} ({@link RateLimiter}; refused: 429 + Retry-After);</li>
 *   <li>plans the attempts ({@link RoutePlanner}: rules, filters, cooldowns, scheduling);</li>
 *   <li>runs them under {@link AttemptPolicies}: each attempt takes the next candidate of the {@link AttemptRing}
 *       with a usable key ({@link KeyPicker}), calls the upstream with the model's timeout, and on failure asks
 *       {@link FailureClassifier} what it means, cools down / benches accordingly, and either retries or stops.</li>
 * </ol>
 * Nothing reaches the client until an attempt succeeds (for streams: commits), so failover is invisible to it.
 */
public final class Dispatcher {
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final RoutePlanner planner;
    private final EngineRegistry engines;
    private final UpstreamHttp http;
    private final KeyPicker keys;
    private final Penalties penalties;
    private final RateLimiter limiter;
    private final AttemptTimeouts timeouts;
    private final AttemptPolicies policies = new AttemptPolicies();
    private final ExecutorService streamStarters = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "stream-start");
        thread.setDaemon(true);
        return thread;
    });

    public Dispatcher(RoutePlanner planner, EngineRegistry engines, UpstreamHttp http, DispatchState state,
                      RateLimiter limiter, AttemptTimeouts timeouts) {
        this.planner = planner;
        this.engines = engines;
        this.http = http;
        this.keys = new KeyPicker(state.keyCursors(), state.cooldowns(), limiter);
        this.penalties = new Penalties(state.cooldowns(), state.circuit(), keys);
        this.limiter = limiter;
        this.timeouts = timeouts;
    }

    /** A complete {@code chat.completion}, or a {@link GatewayException} for the client. */
    public ObjectNode complete(RequestContext context, ChatRequest request) {
        Plan plan = plan(context, request);
        List<String> triggers = plan.policies().errorTriggers();
        return run(plan, (slot, attempt, engine, call) -> {
            UpstreamResponse response = http.exchange(call, timeouts.forAttempt(plan.policies(), slot.candidate()));
            if (!response.successful()) {
                throw upstreamFailure(engine.error(response.status(), response.body()), response.header("retry-after"));
            }
            ObjectNode completion = engine.chatResponse(response.body(), request, attempt.target());
            if (!triggers.isEmpty()) {
                String trigger = AnswerChecks.trigger(triggers, new String(WireJson.bytes(completion), StandardCharsets.UTF_8));
                if (trigger != null) {
                    throw new FailureException(Failure.of(Failure.Kind.ERROR_TRIGGER, 502,
                            "Upstream answer contains the error trigger '" + trigger + "'"));
                }
            }
            if (AnswerChecks.emptyCompletion(completion) && !AnswerChecks.prefilled(request)) {
                throw new FailureException(Failure.of(Failure.Kind.EMPTY_ANSWER, 502, AnswerChecks.EMPTY));
            }
            context.usage(TokenUsage.from(completion.get("usage")));
            context.firstByteSent();
            attempt.succeeded();
            attempt.report();
            return completion;
        });
    }

    /**
     * A stream committed to one upstream, ready to be relayed; or a {@link GatewayException} for the client. With
     * {@code keepalive_interval}, a stream still uncommitted after one interval is returned as pending (see
     * {@link StreamRelay}) and failover continues behind the keepalives.
     */
    public StreamRelay stream(RequestContext context, ChatRequest request) {
        Plan plan = plan(context, request);
        Duration keepalive = timeouts.keepalive(plan.policies(), plan.candidates());
        if (keepalive == null) {
            return StreamRelay.committed(openStream(plan));
        }
        CompletableFuture<UpstreamRelay> start = CompletableFuture.supplyAsync(() -> openStream(plan), streamStarters);
        try {
            return StreamRelay.committed(start.get(keepalive.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return StreamRelay.awaitingCommit(start, keepalive, context, request.model());
        } catch (ExecutionException e) {
            throw e.getCause() instanceof GatewayException error ? error : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            context.cancel();
            throw UpstreamException.relayed(499, "The request was interrupted.", null);
        }
    }

    private UpstreamRelay openStream(Plan plan) {
        RequestContext context = plan.context();
        ChatRequest request = plan.request();
        return run(plan, (slot, attempt, engine, call) -> {
            UpstreamStream upstream = http.open(call, timeouts.forAttempt(plan.policies(), slot.candidate()));
            if (!upstream.successful()) {
                try {
                    throw upstreamFailure(engine.error(upstream.status(), upstream.readBody(MAX_ERROR_BODY)),
                            upstream.header("retry-after"));
                } finally {
                    upstream.close();
                }
            }
            context.inFlight(upstream);
            UpstreamRelay relay = new UpstreamRelay(upstream, engine.streamTranslator(request, attempt.target()), request,
                    context, attempt, plan.policies().errorTriggers());
            try {
                relay.awaitCommit();
            } finally {
                context.inFlight(null);
            }
            return relay;
        });
    }

    /** Admission against the client key's rate limit, then the planned attempts. */
    private Plan plan(RequestContext context, ChatRequest request) {
        DispatchPolicies policies = context.snapshot().dispatch();
        ClientPolicy client = policies.client(context.key());
        RateLimit limit = client.rateLimit(request.model());
        if (limit != null && limit.limitsRequests()) {
            Admission admission = limiter.tryAcquire("client-key:" + context.key().fingerprint() + ":" + request.model(), limit);
            if (!admission.allowed()) {
                context.listener().rateLimited("client_key");
                throw new RateLimitedException("Too many requests: the rate limit of this key (" + limit
                        + ") is reached for model '" + request.model() + "'.", admission.retryAfter());
            }
            context.admitted(admission);
        }
        List<Candidate> candidates = planner.plan(context.snapshot(), context.key(), request.model(),
                () -> PromptEstimate.tokens(request));
        return new Plan(context, request, policies, candidates,
                RetryBudget.maxAttempts(client.autoRetry(), policies, candidates));
    }

    private <T> T run(Plan plan, Attempt<T> body) {
        RequestContext context = plan.context();
        AttemptRing ring = new AttemptRing(plan.candidates());
        try {
            Object result = policies.forAttempts(plan.maxAttempts()).get(execution -> {
                if (execution.getLastException() instanceof AttemptFailedException previous) {
                    context.listener().attemptRetried(previous.channel(), previous.decision().failureClass());
                }
                AttemptRing.Slot slot = context.cancelled() ? null : ring.next(keys, plan.policies());
                if (slot == null) {
                    throw new NoAttemptLeft(execution.getLastException() instanceof AttemptFailedException previous
                            ? previous : null);
                }
                return attempt(plan, ring, slot, body);
            });
            @SuppressWarnings("unchecked")
            T answer = (T) result;
            return answer;
        } catch (AttemptFailedException last) {
            throw clientError(last, plan.request().model(), context.attempts() > 1);
        } catch (NoAttemptLeft none) {
            throw nothingLeft(plan, ring, none);
        }
    }

    private <T> T attempt(Plan plan, AttemptRing ring, AttemptRing.Slot slot, Attempt<T> body) {
        Candidate candidate = slot.candidate();
        AttemptTarget target = new AttemptTarget(candidate.channel(), candidate.model(), slot.apiKey());
        AttemptOutcome outcome = new AttemptOutcome(plan.context(), target);
        ProviderEngine engine = engines.engine(candidate.channel().config(), target.upstreamModel()).orElse(null);
        Failure failure;
        try {
            if (engine == null) {
                throw new FailureException(Failure.of(Failure.Kind.UNSUPPORTED, 501, "provider '"
                        + candidate.channel().name() + "' needs a wire format this version does not support yet"));
            }
            UpstreamRequest call = engine.chatRequest(plan.request(), target);
            T answer = body.run(slot, outcome, engine, call);
            penalties.succeeded(candidate);
            return answer;
        } catch (InvalidRequestException e) {
            // The engine found the request unusable for its wire format (e.g. tool arguments that are not JSON):
            // every channel would refuse it, so it goes straight back to the client.
            outcome.failed(400, "invalid_request");
            throw e;
        } catch (FailureException e) {
            failure = e.failure();
        } catch (UpstreamAnswerException e) {
            UpstreamError error = e.error();
            failure = new Failure(Failure.Kind.BAD_ANSWER, error.status(), error.message(), error.errorObject(), null);
        } catch (TransportException e) {
            failure = Failure.of(kindOf(e), e.kind().status(), "provider '" + candidate.channel().name() + "': "
                    + e.getMessage());
        }
        FailureDecision decision = FailureClassifier.classify(failure);
        outcome.failed(failure.status(), decision.failureClass());
        penalties.apply(plan.context(), ring, slot, failure, decision);
        throw new AttemptFailedException(failure.status(), outcome.redact(failure.message()),
                redacted(outcome, failure.errorObject()), decision, candidate.channel().name());
    }

    private static Failure.Kind kindOf(TransportException e) {
        return switch (e.kind()) {
            case CONNECT -> Failure.Kind.CONNECT;
            case TIMEOUT -> Failure.Kind.TIMEOUT;
            case BROKEN -> Failure.Kind.BROKEN;
            case CANCELLED -> Failure.Kind.CANCELLED;
        };
    }

    private static ObjectNode redacted(AttemptOutcome outcome, ObjectNode errorObject) {
        if (errorObject == null) {
            return null;
        }
        return outcome.redact(errorObject);
    }

    /**
     * A failure not worth another attempt, or the only attempt, is answered with the upstream's own error; after
     * several attempts, with a summary naming the model and the last error, under the last failure's status.
     */
    private static GatewayException clientError(AttemptFailedException last, String model, boolean severalTried) {
        int status = last.status() == 499 ? 502 : last.status();
        if (!severalTried || !last.decision().tryNext()) {
            return UpstreamException.relayed(status, last.getMessage(), last.errorObject());
        }
        return UpstreamException.exhausted(status, "All attempts for model '" + model + "' failed; last error: "
                + last.getMessage());
    }

    /** No candidate could take another attempt: keys all limited, or everything cooled down during the request. */
    private static GatewayException nothingLeft(Plan plan, AttemptRing ring, NoAttemptLeft none) {
        RequestContext context = plan.context();
        String model = plan.request().model();
        if (context.cancelled()) {
            return UpstreamException.relayed(499, "The client went away.", null);
        }
        if (none.lastFailure != null) {
            return clientError(none.lastFailure, model, context.attempts() > 1);
        }
        if (ring.keysFreeIn() != null) {
            context.listener().rateLimited("upstream_keys");
            return new RateLimitedException("All " + model + " error: All API keys are rate limited and stop auto retry!",
                    ring.keysFreeIn());
        }
        return new ServiceUnavailableException("no_available_providers", "No available providers at the moment: " + model);
    }

    private static FailureException upstreamFailure(UpstreamError error, String retryAfter) {
        return new FailureException(new Failure(Failure.Kind.UPSTREAM_STATUS, error.status(), error.message(),
                error.errorObject(), RetryAfter.parse(retryAfter)));
    }

    /** The attempt budget is not used up but no candidate can take an attempt. */
    private static final class NoAttemptLeft extends RuntimeException {
        private final transient AttemptFailedException lastFailure;

        NoAttemptLeft(AttemptFailedException lastFailure) {
            super(null, null, false, false);
            this.lastFailure = lastFailure;
        }
    }

    private record Plan(RequestContext context, ChatRequest request, DispatchPolicies policies,
                        List<Candidate> candidates, int maxAttempts) {
    }

    @FunctionalInterface
    private interface Attempt<T> {
        T run(AttemptRing.Slot slot, AttemptOutcome outcome, ProviderEngine engine, UpstreamRequest call)
                throws TransportException, UpstreamAnswerException, FailureException;
    }
}
