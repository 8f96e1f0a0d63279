package io.uniapi;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.health.HealthCheck;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.jdbi3.JdbiFactory;
import io.uniapi.config.ClientKey;
import io.uniapi.config.ConfigHolder;
import io.uniapi.config.Snapshot;
import io.uniapi.credits.CreditLedger;
import io.uniapi.ops.LabelledMetrics;
import io.uniapi.ops.PrometheusEndpoint;
import io.uniapi.ops.StatsWriterHealthCheck;
import io.uniapi.ops.TrafficMetrics;
import io.uniapi.stats.SchemaMigrator;
import io.uniapi.stats.StatsBackend;
import io.uniapi.stats.StatsDatabase;
import io.uniapi.stats.StatsFactory;
import io.uniapi.stats.StatsQueue;
import io.uniapi.stats.StatsRecorder;
import io.uniapi.stats.StatsReports;
import io.uniapi.stats.StatsStore;
import io.uniapi.stats.StatsWriter;
import io.uniapi.telemetry.GatewayListener;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Wires statistics and operations: traffic metrics and {@code /prometheus}, and, unless persistence is off, the
 * database, its migrations, the background writer, the credit ledger and their health checks.
 *
 * @param listeners what the request path reports to
 * @param backend   what the statistics endpoints read
 * @param credits   the ledger to enforce credits with, empty when persistence is off (credits are then not
 *                  enforced, as in uni-api)
 */
record StatisticsSetup(List<GatewayListener> listeners, StatsBackend backend, Optional<CreditLedger> credits) {
    private static final Logger LOG = LoggerFactory.getLogger(StatisticsSetup.class);

    static StatisticsSetup wire(UniApiConfiguration configuration, Environment environment, ConfigHolder holder,
                                Function<String, String> env, Clock clock) {
        LabelledMetrics labelled = new LabelledMetrics(environment.metrics());
        TrafficMetrics traffic = new TrafficMetrics(labelled, holder::current);
        PrometheusEndpoint.register(environment, labelled);
        // The bridge exports Dropwizard counters as Prometheus counters (…_total); in-flight streams are a gauge.
        environment.metrics().register("uniapi.streams.in_flight",
                (Gauge<Long>) () -> environment.metrics().counter("uniapi.streams.inflight").getCount());

        StatsFactory stats = configuration.getStats();
        Optional<DataSourceFactory> database = StatsDatabase.resolve(configuration.getDatabase(), stats, env);
        if (database.isEmpty()) {
            LOG.info("Statistics persistence is off (DISABLE_DATABASE=true or stats.enabled: false)");
            if (!holder.current().billing().paidKeys().isEmpty()) {
                LOG.warn("api.yaml: keys with preferences.credits are not limited while the database is disabled");
            }
            environment.healthChecks().register("database", new DisabledDatabase());
            return new StatisticsSetup(List.of(traffic), StatsBackend.disabled(clock), Optional.empty());
        }

        Jdbi jdbi = new JdbiFactory().build(environment, database.get(), "database");
        StatsStore store = new StatsStore(jdbi);
        CreditLedger ledger = new CreditLedger();
        SchemaMigrator migrator = stats.isMigrateOnStart() ? new SchemaMigrator(database.get()) : null;
        StatsQueue queue = new StatsQueue(stats.getQueueCapacity(), environment.metrics(), clock);
        StatsWriter writer = new StatsWriter(queue, store, migrator, ledger, () -> holder.current().billing(),
                StatsWriter.Settings.of(stats), environment.metrics(), clock);
        environment.lifecycle().manage(writer);
        holder.onReload(snapshot -> writer.requestCreditsRefresh());
        environment.healthChecks().register("stats-writer", new StatsWriterHealthCheck(writer,
                stats.getBacklogUnhealthyRatio(),
                Duration.ofMillis(stats.getDroppedUnhealthyFor().toMilliseconds()), clock));
        environment.metrics().register("uniapi.credits.exhausted_keys",
                (Gauge<Integer>) () -> exhaustedKeys(holder.current(), ledger));

        StatsRecorder recorder = new StatsRecorder(queue, ledger, () -> holder.current().billing(), clock);
        return new StatisticsSetup(List.of(traffic, recorder),
                new StatsBackend(new StatsReports(store), store, ledger, clock), Optional.of(ledger));
    }

    private static int exhaustedKeys(Snapshot snapshot, CreditLedger ledger) {
        int exhausted = 0;
        for (ClientKey key : snapshot.clientKeys().all()) {
            var limit = snapshot.billing().limit(key.fingerprint());
            if (limit.isPresent() && !ledger.balance(key.fingerprint(), limit.get()).enabled()) {
                exhausted++;
            }
        }
        return exhausted;
    }

    /** Healthy by definition: statistics are off on purpose. */
    private static final class DisabledDatabase extends HealthCheck {
        @Override
        protected Result check() {
            return Result.healthy("statistics persistence is disabled");
        }
    }
}
