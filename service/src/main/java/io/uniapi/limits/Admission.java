package io.uniapi.limits;

import java.time.Duration;

/**
 * The answer of a {@link RateLimiter}: whether the request may go, and what the client may be told about the limit.
 *
 * @param limit      the capacity of the tightest window (for {@code x-ratelimit-limit-requests})
 * @param remaining  requests left in the tightest window after this one
 * @param retryAfter when refused, how long until a request would be allowed; {@link Duration#ZERO} when allowed
 */
public record Admission(boolean allowed, long limit, long remaining, Duration retryAfter) {
    /** No limit applies. */
    public static final Admission UNLIMITED = new Admission(true, -1, -1, Duration.ZERO);

    public boolean limited() {
        return limit >= 0;
    }
}
