package io.uniapi.ops;

import com.codahale.metrics.health.HealthCheck;
import io.uniapi.stats.StatsQueue;
import io.uniapi.stats.StatsWriter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code stats-writer}: unhealthy while the statistics queue is fuller than {@code stats.backlogUnhealthyRatio}, or
 * for {@code stats.droppedUnhealthyFor} after a record was dropped. Requests are served either way; this says that
 * statistics (and credit spend written to the database) are falling behind.
 */
public final class StatsWriterHealthCheck extends HealthCheck {
    private final StatsWriter writer;
    private final double unhealthyRatio;
    private final Duration droppedFor;
    private final Clock clock;

    public StatsWriterHealthCheck(StatsWriter writer, double unhealthyRatio, Duration droppedFor, Clock clock) {
        this.writer = writer;
        this.unhealthyRatio = unhealthyRatio;
        this.droppedFor = droppedFor;
        this.clock = clock;
    }

    @Override
    protected Result check() {
        StatsQueue queue = writer.queue();
        int depth = queue.depth();
        Instant lastDrop = queue.lastDropAt();
        boolean backlog = depth >= unhealthyRatio * queue.capacity();
        boolean recentDrop = lastDrop != null && lastDrop.plus(droppedFor).isAfter(clock.instant());
        String message = backlog ? "statistics backlog: " + depth + " of " + queue.capacity() + " queued"
                : recentDrop ? "statistics records were dropped at " + lastDrop
                : "statistics written";
        ResultBuilder result = (backlog || recentDrop ? Result.builder().unhealthy() : Result.builder().healthy())
                .withMessage(message)
                .withDetail("queued", depth)
                .withDetail("capacity", queue.capacity())
                .withDetail("oldestQueuedSeconds", queue.oldestWaiting().toSeconds())
                .withDetail("written", writer.writtenTotal())
                .withDetail("dropped", queue.droppedTotal());
        if (writer.lastError() != null) {
            result.withDetail("lastError", writer.lastError());
        }
        if (writer.lastWriteAt() != null) {
            result.withDetail("lastWriteAt", writer.lastWriteAt().toString());
        }
        return result.build();
    }
}
