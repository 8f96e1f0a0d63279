package io.uniapi.dispatch;

import io.uniapi.config.Channel;
import io.uniapi.config.ChannelPolicy;
import io.uniapi.limits.Admission;
import io.uniapi.limits.RateLimit;
import io.uniapi.limits.RateLimiter;
import io.uniapi.state.Cooldowns;
import io.uniapi.state.KeyCursors;

import java.time.Duration;

/**
 * Picks the upstream key of a channel for one attempt (behaviour reference §3.5): from where
 * {@code api_key_schedule_algorithm} says to start, the first key that is not benched and whose
 * {@code api_key_rate_limit} for the upstream model still has room (taking one request from it).
 */
final class KeyPicker {
    private final KeyCursors cursors;
    private final Cooldowns cooldowns;
    private final RateLimiter limiter;

    KeyPicker(KeyCursors cursors, Cooldowns cooldowns, RateLimiter limiter) {
        this.cursors = cursors;
        this.cooldowns = cooldowns;
        this.limiter = limiter;
    }

    /**
     * The chosen key: {@link KeyChoice#index()} into the channel's keys, {@link KeyChoice#NO_KEY} for a channel
     * without keys, or {@link KeyChoice#EXHAUSTED} when every key is benched or rate-limited.
     */
    KeyChoice pick(Channel channel, ChannelPolicy policy, String upstreamModel) {
        int size = policy.keyIds().size();
        if (size == 0) {
            return KeyChoice.KEYLESS;
        }
        RateLimit limit = policy.keyRateLimit(upstreamModel);
        boolean limited = limit != null && limit.limitsRequests();
        if (size == 1 && !limited) {
            return KeyChoice.FIRST;
        }
        String provider = channel.name();
        int start = cursors.start(provider, policy.keySchedule(), size);
        long soonest = Long.MAX_VALUE;
        for (int step = 0; step < size; step++) {
            int index = (start + step) % size;
            String keyId = policy.keyIds().get(index);
            long benched = size > 1 ? cooldowns.keyBenchRemainingMillis(provider, keyId) : 0;
            if (benched > 0) {
                soonest = Math.min(soonest, benched);
                continue;
            }
            if (limited) {
                Admission admission = limiter.tryAcquire(identity(provider, keyId, upstreamModel), limit);
                if (!admission.allowed()) {
                    soonest = Math.min(soonest, admission.retryAfter().toMillis());
                    continue;
                }
            }
            return new KeyChoice(index, null);
        }
        return new KeyChoice(KeyChoice.EXHAUSTED, Duration.ofMillis(soonest == Long.MAX_VALUE ? 1000 : soonest));
    }

    /** Gives back the request a key's rate limit counted for an attempt that never reached the upstream. */
    void refund(Channel channel, ChannelPolicy policy, int keyIndex, String upstreamModel) {
        RateLimit limit = policy.keyRateLimit(upstreamModel);
        if (keyIndex >= 0 && limit != null && limit.limitsRequests()) {
            limiter.refund(identity(channel.name(), policy.keyIds().get(keyIndex), upstreamModel), limit);
        }
    }

    private static String identity(String provider, String keyId, String upstreamModel) {
        return "upstream-key:" + provider + ":" + keyId + ":" + upstreamModel;
    }

    /** @param retryAfter when every key is exhausted, how long until one frees up; else null */
    record KeyChoice(int index, Duration retryAfter) {
        static final int NO_KEY = -1;
        static final int EXHAUSTED = -2;
        static final KeyChoice KEYLESS = new KeyChoice(NO_KEY, null);
        static final KeyChoice FIRST = new KeyChoice(0, null);

        boolean exhausted() {
            return index == EXHAUSTED;
        }
    }
}
