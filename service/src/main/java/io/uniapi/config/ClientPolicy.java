package io.uniapi.config;

import io.uniapi.limits.RateLimit;

/**
 * How the dispatcher treats one client key, compiled from {@code api_keys[].preferences}.
 *
 * @param rateLimit the key's {@code rate_limit} per requested model, or null when the key is unlimited
 */
public record ClientPolicy(SchedulingAlgorithm scheduling, AutoRetry autoRetry, ModelMap<RateLimit> rateLimit) {
    public static final ClientPolicy DEFAULT = new ClientPolicy(SchedulingAlgorithm.FIXED_PRIORITY, AutoRetry.DEFAULT, null);

    /** The rate limit for a requested model, or null. */
    public RateLimit rateLimit(String model) {
        return rateLimit == null ? null : rateLimit.get(model);
    }
}
