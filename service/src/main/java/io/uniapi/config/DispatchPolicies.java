package io.uniapi.config;

import io.uniapi.limits.RateLimit;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The dispatch-related part of a {@link Snapshot}: per channel and per client key policies plus the global ones.
 *
 * @param globalRateLimit {@code preferences.rate_limit}, or null
 * @param errorTriggers   {@code preferences.error_triggers}: texts that make an answer count as failed
 * @param timeout         the global {@code model_timeout}, or null
 * @param keepalive       the global {@code keepalive_interval}, or null
 */
public record DispatchPolicies(Map<String, ChannelPolicy> channels, Map<String, ClientPolicy> clients,
                               RateLimit globalRateLimit, List<String> errorTriggers, ModelMap<Duration> timeout,
                               ModelMap<Duration> keepalive) {

    public ChannelPolicy channel(Channel channel) {
        return channels.get(channel.name());
    }

    public ClientPolicy client(ClientKey key) {
        return clients.getOrDefault(key.fingerprint(), ClientPolicy.DEFAULT);
    }
}
