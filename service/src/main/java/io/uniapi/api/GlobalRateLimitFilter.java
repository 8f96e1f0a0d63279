package io.uniapi.api;

import io.uniapi.config.Snapshot;
import io.uniapi.errors.RateLimitedException;
import io.uniapi.limits.Admission;
import io.uniapi.limits.RateLimit;
import io.uniapi.limits.RateLimiter;
import io.uniapi.telemetry.GatewayListener;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;

/**
 * {@code preferences.rate_limit}: one bucket for all {@code /v1/*} traffic of every key. Runs right after the key
 * is authenticated (so unauthenticated noise does not use it up); a refusal is a 429 with {@code Retry-After}.
 */
@ClientKeyRequired
@Priority(Priorities.AUTHENTICATION + 1)
public final class GlobalRateLimitFilter implements ContainerRequestFilter {
    static final String IDENTITY = "global";

    private final RateLimiter limiter;
    private final GatewayListener listener;

    public GlobalRateLimitFilter(RateLimiter limiter, GatewayListener listener) {
        this.limiter = limiter;
        this.listener = listener;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Snapshot snapshot = RequestAttributes.snapshot(request);
        RateLimit limit = snapshot == null ? null : snapshot.dispatch().globalRateLimit();
        if (limit == null || !limit.limitsRequests()) {
            return;
        }
        Admission admission = limiter.tryAcquire(IDENTITY, limit);
        if (!admission.allowed()) {
            listener.rateLimited("global");
            throw new RateLimitedException("Too many requests: the gateway's global rate limit (" + limit
                    + ") is reached.", admission.retryAfter());
        }
    }
}
