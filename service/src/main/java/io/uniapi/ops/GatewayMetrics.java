package io.uniapi.ops;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import io.uniapi.config.ReloadStatus;
import io.uniapi.state.Cooldowns;
import io.uniapi.telemetry.AttemptRecord;
import io.uniapi.telemetry.GatewayListener;
import io.uniapi.telemetry.RequestRecord;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Dropwizard metrics for dashboards (admin port {@code /metrics}). Names contain only fixed words, provider names
 * and error categories: never a key.
 *
 * <ul>
 *   <li>{@code uniapi.requests} (timer): client requests and their total latency</li>
 *   <li>{@code uniapi.requests.status.<2xx|4xx|5xx>} (meters)</li>
 *   <li>{@code uniapi.requests.errors.<category>} (meters)</li>
 *   <li>{@code uniapi.requests.ttfb} (timer): time to the first byte of the answer</li>
 *   <li>{@code uniapi.upstream.<provider>.attempts} (timer), {@code .failures.<class>} (meters)</li>
 *   <li>{@code uniapi.upstream.<provider>.retries} (meter): failed attempts followed by another attempt</li>
 *   <li>{@code uniapi.upstream.<provider>.cooldowns} (meter) and {@code .cooldowns.active} (gauge): models of the
 *       channel taken out of routing after failures</li>
 *   <li>{@code uniapi.upstream.<provider>.keys.benched.<reason>} (meter) and {@code .keys.benched} (gauge)</li>
 *   <li>{@code uniapi.upstream.<provider>.circuit.opened} (meter): 403/404 circuits opened</li>
 *   <li>{@code uniapi.ratelimit.rejected.<global|client_key|upstream_keys>} (meters): 429s the gateway gave</li>
 *   <li>{@code uniapi.streams.inflight} (counter)</li>
 *   <li>{@code uniapi.config.reloads}, {@code uniapi.config.reload_failures} (meters)</li>
 * </ul>
 */
public final class GatewayMetrics implements GatewayListener {
    private final MetricRegistry registry;
    private final Timer requests;
    private final Timer timeToFirstByte;
    private final Counter streams;
    private final Meter reloads;
    private final Meter reloadFailures;
    private volatile Cooldowns cooldowns;

    public GatewayMetrics(MetricRegistry registry) {
        this.registry = registry;
        this.requests = registry.timer("uniapi.requests");
        this.timeToFirstByte = registry.timer("uniapi.requests.ttfb");
        this.streams = registry.counter("uniapi.streams.inflight");
        this.reloads = registry.meter("uniapi.config.reloads");
        this.reloadFailures = registry.meter("uniapi.config.reload_failures");
    }

    @Override
    public void requestFinished(RequestRecord request) {
        requests.update(request.total().toNanos(), TimeUnit.NANOSECONDS);
        if (request.timeToFirstByte() != null) {
            timeToFirstByte.update(request.timeToFirstByte().toNanos(), TimeUnit.NANOSECONDS);
        }
        registry.meter("uniapi.requests.status." + (request.status() / 100) + "xx").mark();
        if (request.errorCategory() != null) {
            registry.meter("uniapi.requests.errors." + request.errorCategory()).mark();
        }
    }

    @Override
    public void requestRejected(int status, String category) {
        registry.meter("uniapi.requests.status." + (status / 100) + "xx").mark();
        registry.meter("uniapi.requests.errors." + category).mark();
    }

    @Override
    public void attemptFinished(AttemptRecord attempt) {
        String prefix = MetricRegistry.name("uniapi.upstream", attempt.channel());
        registry.timer(prefix + ".attempts").update(attempt.latency().toNanos(), TimeUnit.NANOSECONDS);
        if (!attempt.success()) {
            registry.meter(prefix + ".failures." + attempt.failure()).mark();
        }
    }

    @Override
    public void streamOpened() {
        streams.inc();
    }

    @Override
    public void streamClosed() {
        streams.dec();
    }

    @Override
    public void attemptRetried(String channel, String failureClass) {
        registry.meter(MetricRegistry.name("uniapi.upstream", channel, "retries")).mark();
    }

    @Override
    public void channelCooledDown(String channel, String model, Duration period) {
        registry.meter(MetricRegistry.name("uniapi.upstream", channel, "cooldowns")).mark();
        if (cooldowns != null) {
            registry.gauge(MetricRegistry.name("uniapi.upstream", channel, "cooldowns", "active"),
                    () -> () -> cooldowns.activeChannelCooldowns(channel));
        }
    }

    @Override
    public void keyBenched(String channel, String reason, Duration period) {
        registry.meter(MetricRegistry.name("uniapi.upstream", channel, "keys", "benched", reason)).mark();
        if (cooldowns != null) {
            registry.gauge(MetricRegistry.name("uniapi.upstream", channel, "keys", "benched"),
                    () -> () -> cooldowns.benchedKeys(channel));
        }
    }

    @Override
    public void circuitOpened(String channel, String upstreamModel) {
        registry.meter(MetricRegistry.name("uniapi.upstream", channel, "circuit", "opened")).mark();
    }

    @Override
    public void rateLimited(String scope) {
        registry.meter("uniapi.ratelimit.rejected." + scope).mark();
    }

    /** Lets the cooldown and bench gauges read the live state. */
    public void watch(Cooldowns state) {
        this.cooldowns = state;
    }

    /** Counts config loads; registered with the config holder. */
    public void configLoaded(ReloadStatus status) {
        (status.ok() ? reloads : reloadFailures).mark();
    }
}
