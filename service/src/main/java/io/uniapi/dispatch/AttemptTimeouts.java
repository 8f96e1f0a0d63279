package io.uniapi.dispatch;

import io.uniapi.config.ChannelPolicy;
import io.uniapi.config.DispatchPolicies;
import io.uniapi.config.ModelMap;
import io.uniapi.routing.Candidate;

import java.time.Duration;
import java.util.List;

/**
 * How long an attempt may stay silent, before its first byte and between chunks ({@code model_timeout}), and how
 * often a waiting stream gets a keepalive comment ({@code keepalive_interval}). Resolution for both (behaviour
 * reference §6.5): the provider's map (the alias exactly, then as a substring; the upstream name likewise; then the
 * provider's {@code default}), then the global map the same way with the alias, then for timeouts the environment
 * variable {@code TIMEOUT} (seconds, default 100).
 */
public final class AttemptTimeouts {
    private final Duration fallback;

    public AttemptTimeouts(Duration fallback) {
        this.fallback = fallback;
    }

    public static AttemptTimeouts fromEnvironment(java.util.function.UnaryOperator<String> environment) {
        String value = environment.apply("TIMEOUT");
        try {
            return new AttemptTimeouts(Duration.ofMillis((long) (Double.parseDouble(value) * 1000)));
        } catch (NullPointerException | NumberFormatException e) {
            return new AttemptTimeouts(Duration.ofSeconds(100));
        }
    }

    Duration forAttempt(DispatchPolicies policies, Candidate candidate) {
        ChannelPolicy channel = policies.channel(candidate.channel());
        Duration timeout = resolve(channel.timeout(), policies.timeout(), candidate);
        return timeout != null ? timeout : fallback;
    }

    /**
     * The keepalive interval for a stream over these candidates: the shortest one that is below its candidate's
     * timeout (a longer one could never fire), or null when none applies.
     */
    Duration keepalive(DispatchPolicies policies, List<Candidate> candidates) {
        Duration shortest = null;
        for (Candidate candidate : candidates) {
            ModelMap<Duration> own = policies.channel(candidate.channel()).keepalive();
            if (own == null && policies.keepalive() == null) {
                continue;
            }
            Duration interval = resolve(own, policies.keepalive(), candidate);
            if (interval != null && !interval.isZero() && interval.compareTo(forAttempt(policies, candidate)) < 0
                    && (shortest == null || interval.compareTo(shortest) < 0)) {
                shortest = interval;
            }
        }
        return shortest;
    }

    private static Duration resolve(ModelMap<Duration> provider, ModelMap<Duration> global, Candidate candidate) {
        String alias = candidate.model().alias();
        if (provider != null) {
            Duration value = provider.specific(alias);
            if (value == null) {
                value = provider.specific(candidate.model().upstream());
            }
            if (value == null) {
                value = provider.fallback();
            }
            if (value != null) {
                return value;
            }
        }
        return global == null ? null : global.get(alias);
    }
}
