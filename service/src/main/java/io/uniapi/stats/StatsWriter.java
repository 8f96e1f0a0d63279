package io.uniapi.stats;

import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import io.dropwizard.lifecycle.Managed;
import io.uniapi.credits.Billing;
import io.uniapi.credits.CreditLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Moves statistics from the {@link StatsQueue} to the database: one background thread takes whatever has
 * accumulated (up to a batch, every {@code flushInterval}) and inserts it in one transaction. If the database is
 * slow or down, records wait in the queue while the thread retries with backoff; what the full queue dropped is
 * logged here in a summary line. Stopping flushes the queue.
 *
 * <p>The writer thread also keeps the credit ledger in step with the database: it tells the ledger which charged
 * records are written, and re-reads the spend of paid keys every {@code creditsRefreshInterval} (and on demand).
 */
public final class StatsWriter implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(StatsWriter.class);
    private static final Duration LOG_EVERY = Duration.ofSeconds(10);

    /** The tunables, from the {@code stats:} section. */
    public record Settings(int batchSize, Duration flushInterval, Duration retryBackoff,
                           Duration maxRetryBackoff, Duration shutdownTimeout, Duration creditsRefreshInterval) {
        public static Settings of(StatsFactory factory) {
            return new Settings(factory.getBatchSize(),
                    Duration.ofMillis(factory.getFlushInterval().toMilliseconds()),
                    Duration.ofMillis(factory.getRetryBackoff().toMilliseconds()),
                    Duration.ofMillis(factory.getMaxRetryBackoff().toMilliseconds()),
                    Duration.ofMillis(factory.getShutdownTimeout().toMilliseconds()),
                    Duration.ofMillis(factory.getCreditsRefreshInterval().toMilliseconds()));
        }
    }

    private final StatsQueue queue;
    private final StatsStore store;
    private final SchemaMigrator migrator;
    private final CreditLedger ledger;
    private final Supplier<Billing> billing;
    private final Settings settings;
    private final Clock clock;
    private final Meter written;
    private final Meter failures;
    private final Timer batches;
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean stopping;
    private volatile boolean schemaReady;
    private volatile boolean refreshRequested = true;
    private volatile Instant lastWriteAt;
    private volatile String lastError;
    private Instant nextRefreshAt = Instant.MIN;
    private Instant nextDropLogAt = Instant.MIN;

    /** @param migrator applies the schema before the first write; null when migrations are run by hand */
    public StatsWriter(StatsQueue queue, StatsStore store, SchemaMigrator migrator, CreditLedger ledger,
                       Supplier<Billing> billing, Settings settings, MetricRegistry metrics, Clock clock) {
        this.queue = queue;
        this.store = store;
        this.migrator = migrator;
        this.ledger = ledger;
        this.billing = billing;
        this.settings = settings;
        this.clock = clock;
        this.schemaReady = migrator == null;
        this.written = metrics.meter("uniapi.stats.written");
        this.failures = metrics.meter("uniapi.stats.write_failures");
        this.batches = metrics.timer("uniapi.stats.batches");
        this.thread = new Thread(this::run, "uni-api-stats-writer");
        this.thread.setDaemon(true);
    }

    /** Asks for the spend of paid keys to be re-read soon (e.g. after a config reload changed credits). */
    public void requestCreditsRefresh() {
        refreshRequested = true;
    }

    /** Prepares the schema and reads the credit ledger once, so that credits hold from the first request. */
    @Override
    public void start() {
        prepare();
        thread.start();
    }

    @Override
    public void stop() throws InterruptedException {
        queue.close();
        stopping = true;
        stopSignal.countDown();
        thread.join(settings.shutdownTimeout().plusSeconds(2).toMillis());
        int left = queue.depth();
        if (thread.isAlive() || left > 0) {
            queue.drop(left);
            LOG.error("Statistics writer stopped with {} records not written{}", left,
                    thread.isAlive() ? " (the database did not answer in time)" : "");
        }
    }

    /**
     * The writer sleeps {@code flushInterval} between drains instead of waiting on the queue: a request's
     * {@code offer} then never has to wake a thread (no context switch per request), and each transaction carries
     * everything that arrived in the interval. A full batch is followed by the next one at once.
     */
    private void run() {
        List<StatsEntry> batch = new ArrayList<>(settings.batchSize());
        Duration backoff = settings.retryBackoff();
        Instant deadline = null;
        while (true) {
            if (stopping && deadline == null) {
                deadline = clock.instant().plus(settings.shutdownTimeout());
            }
            if (batch.isEmpty()) {
                queue.drainTo(batch, settings.batchSize());
            }
            housekeeping();
            if (batch.isEmpty()) {
                if (stopping) {
                    return;
                }
                pause(settings.flushInterval());
                continue;
            }
            boolean full = batch.size() == settings.batchSize();
            if (writeBatch(batch)) {
                backoff = settings.retryBackoff();
                if (!full && !stopping) {
                    pause(settings.flushInterval());
                }
                continue;
            }
            if (stopping && clock.instant().isAfter(deadline)) {
                queue.drop(batch.size());
                queue.released(batch.size());
                return;
            }
            pause(stopping ? Duration.ofMillis(Math.min(200, backoff.toMillis())) : backoff);
            backoff = min(backoff.multipliedBy(2), settings.maxRetryBackoff());
        }
    }

    /** True when the batch is written (or had to be given up); false to retry it later. */
    private boolean writeBatch(List<StatsEntry> batch) {
        if (!schemaReady && !migrate()) {
            return false;
        }
        try (Timer.Context ignored = batches.time()) {
            store.write(batch);
            written(batch);
            queue.released(batch.size());
            batch.clear();
            return true;
        } catch (RuntimeException e) {
            failures.mark();
            if (unavailable(e)) {
                return false;
            }
            // Not a connection problem: find the rows the database refuses, keep the rest.
            return writeOneByOne(batch);
        }
    }

    private boolean writeOneByOne(List<StatsEntry> batch) {
        int refused = 0;
        String reason = null;
        try {
            while (!batch.isEmpty()) {
                StatsEntry entry = batch.get(0);
                try {
                    store.write(List.of(entry));
                    written(List.of(entry));
                } catch (RuntimeException e) {
                    if (unavailable(e)) {
                        return false;
                    }
                    refused++;
                    reason = reason == null ? DatabaseFailures.describe(e) : reason;
                    queue.drop(1);
                    uncharge(entry);
                }
                batch.remove(0);
                queue.released(1);
            }
            return true;
        } finally {
            if (refused > 0) {
                LOG.error("The statistics database refused {} record(s); they are dropped. First reason: {}", refused, reason);
            }
        }
    }

    /** A failure to wait out (records stay queued), as opposed to a row the database refuses. */
    private boolean unavailable(RuntimeException e) {
        if (DatabaseFailures.isSchemaMissing(e)) {
            schemaReady = migrator == null;
            noteError("statistics tables missing" + (migrator == null ? " (run `db migrate`)" : "; migrating again")
                    + ": " + DatabaseFailures.describe(e), e);
            return true;
        }
        if (DatabaseFailures.isUnavailable(e) || !store.reachable()) {
            noteError("database unavailable: " + DatabaseFailures.describe(e), e);
            return true;
        }
        return false;
    }

    private void written(List<StatsEntry> entries) {
        for (StatsEntry entry : entries) {
            if (entry instanceof StatsEntry.Request request && request.charge() > 0) {
                ledger.persisted(request.record().keyFingerprint(), request.charge());
            }
        }
        written.mark(entries.size());
        lastWriteAt = clock.instant();
        if (lastError != null) {
            LOG.info("Statistics database reachable again; writing resumed");
            lastError = null;
        }
    }

    private void uncharge(StatsEntry entry) {
        if (entry instanceof StatsEntry.Request request && request.charge() > 0) {
            ledger.dropped(request.record().keyFingerprint(), request.charge());
        }
    }

    /** Periodic work of the writer thread: credit refreshes and the summary of dropped records. */
    private void housekeeping() {
        Instant now = clock.instant();
        if (schemaReady && (refreshRequested || !now.isBefore(nextRefreshAt))) {
            refreshCredits(now);
        }
        if (!now.isBefore(nextDropLogAt)) {
            long droppedNow = queue.takeDroppedSinceReport();
            if (droppedNow > 0) {
                LOG.warn("{} statistics records dropped since the last report ({} in total, queue capacity {})."
                                + " Is the database down or too slow? See the stats-writer health check.",
                        droppedNow, queue.droppedTotal(), queue.capacity());
                nextDropLogAt = now.plus(LOG_EVERY);
            }
        }
    }

    private void refreshCredits(Instant now) {
        Billing current = billing.get();
        refreshRequested = false;
        nextRefreshAt = now.plus(settings.creditsRefreshInterval());
        if (current.paidKeys().isEmpty()) {
            return;
        }
        try {
            ledger.refresh(current, store, now);
        } catch (RuntimeException e) {
            noteError("cannot read credit spend: " + DatabaseFailures.describe(e), e);
        }
    }

    private void prepare() {
        if (!schemaReady) {
            migrate();
        }
        if (schemaReady) {
            refreshCredits(clock.instant());
        }
    }

    private boolean migrate() {
        try {
            migrator.migrate();
            schemaReady = true;
            return true;
        } catch (RuntimeException e) {
            noteError("cannot apply migrations: " + DatabaseFailures.describe(e), e);
            return false;
        }
    }

    private void noteError(String message, RuntimeException e) {
        if (!message.equals(lastError)) {
            LOG.warn("Statistics writer: {} (records wait in the queue; retrying)", message);
            LOG.debug("Statistics writer failure", e);
        }
        lastError = message;
    }

    private void pause(Duration duration) {
        try {
            stopSignal.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    public StatsQueue queue() {
        return queue;
    }

    public long writtenTotal() {
        return written.getCount();
    }

    public Instant lastWriteAt() {
        return lastWriteAt;
    }

    /** The current failure, or null while writes succeed. */
    public String lastError() {
        return lastError;
    }
}
