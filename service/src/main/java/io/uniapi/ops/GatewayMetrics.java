package io.uniapi.ops;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import io.uniapi.config.ReloadStatus;
import io.uniapi.telemetry.AttemptRecord;
import io.uniapi.telemetry.GatewayListener;
import io.uniapi.telemetry.RequestRecord;

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

    /** Counts config loads; registered with the config holder. */
    public void configLoaded(ReloadStatus status) {
        (status.ok() ? reloads : reloadFailures).mark();
    }
}
