package io.uniapi.dispatch;

import java.time.Duration;

/**
 * What one failed attempt means for the request and for the channel's future (the output of
 * {@link FailureClassifier}); the {@link Dispatcher} carries it out.
 *
 * @param tryNext      move on to the next attempt (false: answer the client with this failure now)
 * @param failureClass fixed, low-cardinality label for metrics and statistics
 * @param coolChannel  take the (channel, model) out of routing for the channel's {@code cooldown_period}
 * @param keyBench     how to bench the upstream key used (applies only to channels with several keys)
 * @param waitHint     how long the upstream asked us to wait ({@code Retry-After}, "try again in 20s"), or null
 * @param circuitHit   counts towards the 403/404 circuit of the (channel, upstream model)
 */
record FailureDecision(boolean tryNext, String failureClass, boolean coolChannel, KeyBench keyBench, Duration waitHint,
                       boolean circuitHit) {

    /** Why and for which period an upstream key is benched. */
    enum KeyBench {
        NONE,
        /** Quota or billing exhausted: {@code api_key_quota_cooldown_period}. */
        QUOTA,
        /** A 429: {@code max(api_key_rate_limit_cooldown_period, waitHint)}. */
        RATE_LIMITED,
        /** Any other upstream failure: {@code api_key_cooldown_period} (0 by default: off). */
        FAILED
    }
}
