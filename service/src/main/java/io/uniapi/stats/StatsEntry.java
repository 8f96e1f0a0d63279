package io.uniapi.stats;

import io.uniapi.credits.Price;
import io.uniapi.telemetry.AttemptRecord;
import io.uniapi.telemetry.RequestRecord;

import java.time.Instant;

/** One record waiting in the writer's queue. */
sealed interface StatsEntry {
    /** When it was recorded: the age of the oldest waiting entry shows how far the writer is behind. */
    Instant at();

    /**
     * A client request.
     *
     * @param price  the model's price when the request finished (stored with the row, as uni-api does)
     * @param charge USD counted against the key's credits, 0 for keys without credits
     */
    record Request(RequestRecord record, Price price, double charge) implements StatsEntry {
        @Override
        public Instant at() {
            return record.startedAt().plus(record.total());
        }
    }

    /** An upstream attempt. */
    record Attempt(AttemptRecord record, Instant finishedAt) implements StatsEntry {
        @Override
        public Instant at() {
            return finishedAt;
        }
    }
}
