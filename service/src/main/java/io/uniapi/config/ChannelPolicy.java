package io.uniapi.config;

import io.uniapi.limits.RateLimit;

import java.time.Duration;
import java.util.List;

/**
 * How the dispatcher treats one channel, compiled from its {@code preferences} (and the global ones it inherits).
 *
 * @param keyIds               fingerprints of the channel's upstream keys, in the order of {@code api} (for a Vertex
 *                             AI service-account channel: of its regions, see {@code Channel.keyPool()}): the stable
 *                             names under which key cooldowns and key rate limits are kept
 * @param keyRateLimit         {@code api_key_rate_limit} per upstream model, or null when keys are unlimited
 * @param cooldown             {@code cooldown_period} (provider, else global, else 300 s); zero disables it
 * @param keyCooldown          {@code api_key_cooldown_period} (default 0: off)
 * @param keyRateLimitCooldown {@code api_key_rate_limit_cooldown_period} (default 1800 s)
 * @param keyQuotaCooldown     {@code api_key_quota_cooldown_period} (default 6 h)
 * @param timeout              the provider's {@code model_timeout}, or null
 * @param keepalive            the provider's {@code keepalive_interval}, or null
 */
public record ChannelPolicy(List<String> keyIds, KeyScheduleAlgorithm keySchedule, ModelMap<RateLimit> keyRateLimit,
                            Duration cooldown, Duration keyCooldown, Duration keyRateLimitCooldown,
                            Duration keyQuotaCooldown, ModelMap<Duration> timeout, ModelMap<Duration> keepalive) {

    public static final Duration DEFAULT_COOLDOWN = Duration.ofSeconds(300);
    public static final Duration DEFAULT_KEY_RATE_LIMIT_COOLDOWN = Duration.ofSeconds(1800);
    public static final Duration DEFAULT_KEY_QUOTA_COOLDOWN = Duration.ofHours(6);

    /** The {@code api_key_rate_limit} for an upstream model, or null when none applies. */
    public RateLimit keyRateLimit(String upstreamModel) {
        return keyRateLimit == null ? null : keyRateLimit.get(upstreamModel);
    }
}
