package io.uniapi.stats;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bounded hand-over between request threads and the {@link StatsWriter}. {@link #offer} is the only thing a
 * request does with statistics: one enqueue that never waits. A full (or closed) queue drops the record and counts
 * it ({@code uniapi.stats.dropped}); the writer thread logs the count, never the request path.
 */
public final class StatsQueue {
    private final ArrayBlockingQueue<StatsEntry> entries;
    private final int capacity;
    private final Meter dropped;
    private final AtomicLong droppedSinceReport = new AtomicLong();
    private final Clock clock;
    private final java.util.concurrent.atomic.AtomicInteger held = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean closed;
    private volatile Instant lastDropAt;

    public StatsQueue(int capacity, MetricRegistry metrics, Clock clock) {
        this.entries = new ArrayBlockingQueue<>(capacity);
        this.capacity = capacity;
        this.clock = clock;
        this.dropped = metrics.meter("uniapi.stats.dropped");
        metrics.register("uniapi.stats.queue.depth", (Gauge<Integer>) this::depth);
        metrics.register("uniapi.stats.queue.capacity", (Gauge<Integer>) () -> capacity);
        metrics.register("uniapi.stats.queue.oldest_seconds", (Gauge<Double>) () -> oldestWaiting().toMillis() / 1000.0);
    }

    /** Enqueues without waiting; false (and counted as dropped) when the queue is full or closed. */
    public boolean offer(StatsEntry entry) {
        if (!closed && entries.offer(entry)) {
            return true;
        }
        drop(1);
        return false;
    }

    /** Moves records to the writer's batch; they still count as waiting until {@link #released}. */
    int drainTo(Collection<StatsEntry> batch, int max) {
        int taken = entries.drainTo(batch, max);
        held.addAndGet(taken);
        return taken;
    }

    /** Records of the writer's batch that are written or given up. */
    void released(int count) {
        held.addAndGet(-count);
    }

    /** New records are dropped from now on (the service is stopping). */
    void close() {
        closed = true;
    }

    /** Counts records that will never be written. */
    void drop(long count) {
        if (count > 0) {
            dropped.mark(count);
            droppedSinceReport.addAndGet(count);
            lastDropAt = clock.instant();
        }
    }

    /** Drops counted since the last call, for the writer's periodic log line. */
    long takeDroppedSinceReport() {
        return droppedSinceReport.getAndSet(0);
    }

    /** How long the oldest waiting record has waited (zero when none waits). */
    public Duration oldestWaiting() {
        StatsEntry head = entries.peek();
        return head == null ? Duration.ZERO : Duration.between(head.at(), clock.instant()).abs();
    }

    /** Records waiting to be written: queued, or in the writer's batch while the database is away. */
    public int depth() {
        return entries.size() + held.get();
    }

    public int capacity() {
        return capacity;
    }

    public long droppedTotal() {
        return dropped.getCount();
    }

    /** When a record was last dropped, or null. */
    public Instant lastDropAt() {
        return lastDropAt;
    }
}
