package io.uniapi.limits;

/**
 * Counts requests against {@link RateLimit}s, one bucket per identity (e.g. a client key and model, or an upstream
 * key and model). Identities are stable names, never snapshot objects, so a bucket survives config reloads: while
 * its limit is unchanged it keeps its tokens; when the limit changes it is reconfigured, keeping what it can.
 *
 * <p>This is the seam for sharing limits between several gateway instances: an implementation over Bucket4j's
 * distributed backends (PostgreSQL, Redis) can replace {@link LocalRateLimiter} without the callers changing.
 */
public interface RateLimiter {

    /** Takes one request from the bucket of {@code identity}, or says how long to wait. */
    Admission tryAcquire(String identity, RateLimit limit);

    /** Returns one request taken by {@link #tryAcquire} that never reached its upstream (e.g. it could not connect). */
    void refund(String identity, RateLimit limit);
}
