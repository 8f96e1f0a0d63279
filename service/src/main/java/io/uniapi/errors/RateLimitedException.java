package io.uniapi.errors;

import java.time.Duration;

/** 429: a local rate limit refused the request; {@link #retryAfter()} becomes the {@code Retry-After} header. */
public final class RateLimitedException extends GatewayException {
    private final Duration retryAfter;

    public RateLimitedException(String message, Duration retryAfter) {
        super(429, "requests", "rate_limit_exceeded", null, message, null);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    @Override
    public String category() {
        return "rate_limited";
    }
}
