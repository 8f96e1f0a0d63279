package io.uniapi.stats;

import com.codahale.metrics.MetricRegistry;
import io.uniapi.credits.Billing;
import io.uniapi.credits.CreditLedger;
import io.uniapi.credits.CreditLimit;
import io.uniapi.credits.ModelPrices;
import io.uniapi.credits.Price;
import io.uniapi.telemetry.AttemptRecord;
import io.uniapi.telemetry.RequestRecord;
import io.uniapi.telemetry.TokenUsage;
import org.jdbi.v3.core.Jdbi;
import io.dropwizard.db.ManagedDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The writer against a real H2 file: bounded queue, counted drops, flush on stop, credit bookkeeping. */
class StatsWriterTest {
    @TempDir
    Path dir;

    private ManagedDataSource dataSource;
    private Jdbi jdbi;
    private StatsStore store;
    private final MetricRegistry metrics = new MetricRegistry();
    private final CreditLedger ledger = new CreditLedger();

    @BeforeEach
    void database() {
        StatsDataSourceFactory factory = (StatsDataSourceFactory) StatsDatabase.h2(dir.resolve("stats.db").toString());
        new SchemaMigrator(factory).migrate();
        dataSource = factory.build(new MetricRegistry(), "test");
        jdbi = Jdbi.create(dataSource);
        store = new StatsStore(jdbi);
    }

    @AfterEach
    void close() throws Exception {
        dataSource.stop();
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfWaiting() throws Exception {
        StatsWriter writer = writer(16, Billing.NONE);
        long start = System.nanoTime();
        int accepted = 0;
        for (int i = 0; i < 20; i++) {
            accepted += writer.queue().offer(request("r" + i, "sk-fp", 0)) ? 1 : 0;
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
        assertThat(accepted).isEqualTo(16);
        assertThat(writer.queue().droppedTotal()).isEqualTo(4);
        assertThat(metrics.meter("uniapi.stats.dropped").getCount()).isEqualTo(4);

        writer.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> count("request_stats") == 16);
        writer.stop();
    }

    @Test
    void stoppingFlushesEverythingQueued() throws Exception {
        StatsWriter writer = writer(10_000, Billing.NONE);
        writer.start();
        for (int i = 0; i < 2_000; i++) {
            writer.queue().offer(request("flush-" + i, "fp", 0));
            writer.queue().offer(new StatsEntry.Attempt(new AttemptRecord("flush-" + i, "alpha", "up-model", "model", "abc123",
                    i % 3 != 0, i % 3 != 0 ? 200 : 502, i % 3 != 0 ? null : "upstream_5xx", Duration.ofMillis(5)),
                    Instant.now()));
        }
        writer.stop();
        assertThat(count("request_stats")).isEqualTo(2_000);
        assertThat(count("channel_stats")).isEqualTo(2_000);
        assertThat(writer.queue().droppedTotal()).isZero();
        assertThat(metrics.timer("uniapi.stats.batches").getCount()).isLessThan(2_000);
    }

    @Test
    void aRowTheDatabaseRefusesIsDroppedAloneAndTheRestIsWritten() throws Exception {
        StatsWriter writer = writer(100, Billing.NONE);
        writer.queue().offer(request("good-1", "fp", 0));
        writer.queue().offer(request("bad", null, 0));
        writer.queue().offer(request("good-2", "fp", 0));
        writer.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> count("request_stats") == 2);
        await().atMost(Duration.ofSeconds(5)).until(() -> writer.queue().droppedTotal() == 1);
        writer.stop();
    }

    @Test
    void chargedSpendMovesFromQueuedToWrittenAndSurvivesARefresh() throws Exception {
        CreditLimit limit = new CreditLimit(1.0, null);
        Billing billing = new Billing(ModelPrices.NONE, Map.of("paid", limit));
        StatsWriter writer = writer(100, billing);
        double charge = new Price(1, 2).cost(1000, 1000);
        ledger.observed("paid", charge);
        writer.queue().offer(request("paid-1", "paid", charge));
        assertThat(ledger.balance("paid", limit).spent()).isEqualTo(0.003);
        writer.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> count("request_stats") == 1);
        assertThat(ledger.balance("paid", limit).spent()).isCloseTo(0.003, org.assertj.core.data.Offset.offset(1e-12));
        ledger.refresh(billing, store, Instant.now());
        assertThat(ledger.balance("paid", limit).spent()).isCloseTo(0.003, org.assertj.core.data.Offset.offset(1e-12));
        writer.stop();
    }

    private StatsWriter writer(int capacity, Billing billing) {
        StatsWriter.Settings settings = new StatsWriter.Settings(100, Duration.ofMillis(20), Duration.ofMillis(50),
                Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofMinutes(1));
        return new StatsWriter(new StatsQueue(capacity, metrics, Clock.systemUTC()), store, null, ledger,
                () -> billing, settings, metrics, Clock.systemUTC());
    }

    private long count(String table) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
    }

    private static StatsEntry.Request request(String id, String keyFingerprint, double charge) {
        RequestRecord record = new RequestRecord(id, Instant.now(), "POST /v1/chat/completions", keyFingerprint,
                "label", "gpt-4o", "alpha", 200, false, Duration.ofMillis(30), Duration.ofMillis(20),
                new TokenUsage(1000, 1000, 2000), 1, "127.0.0.1", null, "role");
        return new StatsEntry.Request(record, new Price(1, 2), charge);
    }
}
