package io.uniapi.ops;

import com.codahale.metrics.LockFreeExponentiallyDecayingReservoir;
import com.codahale.metrics.Meter;
import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Dropwizard metrics that carry Prometheus labels (channel, model, role…). Each label set is an ordinary Dropwizard
 * {@link Meter} or {@link Timer}, registered as {@code family{label=value,…}} so that it shows in the admin
 * {@code /metrics} JSON too; {@link #collector()} exports every family as one labelled Prometheus metric. (The
 * Prometheus bridge for Dropwizard cannot merge several Dropwizard metrics into one labelled family in the version
 * that resolves here, 1.4.3: it throws "duplicate metric name".)
 *
 * <p>Label values must come from the config (provider names, model aliases, roles) or fixed sets, never from a
 * request or a key: that keeps the number of series small.
 */
public final class LabelledMetrics {
    private static final double[] QUANTILES = {0.5, 0.75, 0.95, 0.99};
    private static final double NANOS_PER_SECOND = 1e9;

    /**
     * A labelled metric family. {@code name} is the Prometheus name (a counter's without {@code _total}). Compared
     * by identity: families are constants, and the lookup of a series runs on every request.
     */
    public static final class Family {
        private final String name;
        private final String help;
        private final Kind kind;
        private final List<String> labelNames;

        public Family(String name, String help, Kind kind, List<String> labelNames) {
            this.name = name;
            this.help = help;
            this.kind = kind;
            this.labelNames = List.copyOf(labelNames);
        }

        public String name() {
            return name;
        }

        public String help() {
            return help;
        }

        public Kind kind() {
            return kind;
        }

        public List<String> labelNames() {
            return labelNames;
        }
    }

    /** COUNTER: a Dropwizard meter, exported as a Prometheus counter; SUMMARY: a timer, exported in seconds. */
    public enum Kind { COUNTER, SUMMARY }

    private record Key(Family family, List<String> values) {
    }

    private final MetricRegistry registry;
    private final Map<Key, Metric> metrics = new ConcurrentHashMap<>();
    private final List<Family> families = new ArrayList<>();

    public LabelledMetrics(MetricRegistry registry) {
        this.registry = registry;
    }

    /** Whether a Dropwizard metric name is one of these (the plain bridge must skip it). */
    public static boolean isLabelled(String dropwizardName) {
        return dropwizardName.indexOf('{') > 0;
    }

    public synchronized void declare(Family family) {
        if (!families.contains(family)) {
            families.add(family);
        }
    }

    public Meter meter(Family family, String... labelValues) {
        return (Meter) metrics.computeIfAbsent(new Key(family, List.of(labelValues)),
                key -> registry.register(dropwizardName(key), new Meter()));
    }

    public Timer timer(Family family, String... labelValues) {
        return (Timer) metrics.computeIfAbsent(new Key(family, List.of(labelValues)),
                key -> registry.register(dropwizardName(key),
                        new Timer(LockFreeExponentiallyDecayingReservoir.builder().build())));
    }

    private static String dropwizardName(Key key) {
        StringBuilder name = new StringBuilder(key.family().name().replace('_', '.')).append('{');
        for (int i = 0; i < key.values().size(); i++) {
            name.append(i == 0 ? "" : ",").append(key.family().labelNames().get(i)).append('=').append(key.values().get(i));
        }
        return name.append('}').toString();
    }

    /** The Prometheus view of every declared family (families with no series yet are left out). */
    public MultiCollector collector() {
        return this::collect;
    }

    private MetricSnapshots collect() {
        Map<Family, List<Map.Entry<Key, Metric>>> byFamily = new LinkedHashMap<>();
        synchronized (this) {
            families.forEach(family -> byFamily.put(family, new ArrayList<>()));
        }
        for (Map.Entry<Key, Metric> entry : metrics.entrySet()) {
            byFamily.computeIfAbsent(entry.getKey().family(), f -> new ArrayList<>()).add(entry);
        }
        MetricSnapshots.Builder out = MetricSnapshots.builder();
        byFamily.forEach((family, series) -> {
            if (!series.isEmpty()) {
                out.metricSnapshot(snapshot(family, series));
            }
        });
        return out.build();
    }

    private static MetricSnapshot snapshot(Family family, List<Map.Entry<Key, Metric>> series) {
        if (family.kind() == Kind.COUNTER) {
            CounterSnapshot.Builder counter = CounterSnapshot.builder().name(family.name()).help(family.help());
            for (Map.Entry<Key, Metric> entry : series) {
                counter.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                        .labels(labels(entry.getKey()))
                        .value(((Meter) entry.getValue()).getCount())
                        .build());
            }
            return counter.build();
        }
        SummarySnapshot.Builder summary = SummarySnapshot.builder().name(family.name()).help(family.help());
        for (Map.Entry<Key, Metric> entry : series) {
            Timer timer = (Timer) entry.getValue();
            com.codahale.metrics.Snapshot values = timer.getSnapshot();
            Quantiles.Builder quantiles = Quantiles.builder();
            for (double q : QUANTILES) {
                quantiles.quantile(new Quantile(q, values.getValue(q) / NANOS_PER_SECOND));
            }
            summary.dataPoint(SummarySnapshot.SummaryDataPointSnapshot.builder()
                    .labels(labels(entry.getKey()))
                    .quantiles(quantiles.build())
                    .count(timer.getCount())
                    .build());
        }
        return summary.build();
    }

    private static Labels labels(Key key) {
        return Labels.of(key.family().labelNames(), key.values());
    }
}
