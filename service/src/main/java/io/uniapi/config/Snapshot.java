package io.uniapi.config;

import io.uniapi.credits.Billing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything compiled from one version of {@code api.yaml}: channels, client keys and lookup indexes. Immutable. A
 * request reads the current snapshot once, at its entry point, and uses that object to its end, so a reload never
 * changes what an in-flight request sees. Runtime state (cooldowns, cursors, buckets) lives outside, keyed by names.
 */
public final class Snapshot {
    private final long version;
    private final Instant loadedAt;
    private final String source;
    private final GatewayConfig config;
    private final List<Channel> channels;
    private final Map<String, Channel> channelsByName;
    private final Map<String, List<Channel>> channelsByAlias;
    private final ClientKeys clientKeys;
    private final GatewaySettings settings;
    private final DispatchPolicies dispatch;
    private final Billing billing;

    Snapshot(long version, Instant loadedAt, String source, GatewayConfig config, List<Channel> channels,
             Map<String, Channel> channelsByName, Map<String, List<Channel>> channelsByAlias, ClientKeys clientKeys,
             GatewaySettings settings, DispatchPolicies dispatch, Billing billing) {
        this.version = version;
        this.loadedAt = loadedAt;
        this.source = source;
        this.config = config;
        this.channels = channels;
        this.channelsByName = channelsByName;
        this.channelsByAlias = channelsByAlias;
        this.clientKeys = clientKeys;
        this.settings = settings;
        this.dispatch = dispatch;
        this.billing = billing;
    }

    /** Increases by one with every successful load. */
    public long version() {
        return version;
    }

    public Instant loadedAt() {
        return loadedAt;
    }

    /** Where the config came from (a path or a URL without credentials). */
    public String source() {
        return source;
    }

    public GatewayConfig config() {
        return config;
    }

    /** Channels in config order. */
    public List<Channel> channels() {
        return channels;
    }

    public Optional<Channel> channel(String name) {
        return Optional.ofNullable(channelsByName.get(name));
    }

    /** Channels offering {@code alias}, in config order; empty if none. */
    public List<Channel> channelsOffering(String alias) {
        return channelsByAlias.getOrDefault(alias, List.of());
    }

    public ClientKeys clientKeys() {
        return clientKeys;
    }

    public GatewaySettings settings() {
        return settings;
    }

    /** Scheduling, retries, cooldowns, timeouts and rate limits per channel and client key. */
    public DispatchPolicies dispatch() {
        return dispatch;
    }

    /** Model prices and the keys with a prepaid balance. */
    public Billing billing() {
        return billing;
    }
}
