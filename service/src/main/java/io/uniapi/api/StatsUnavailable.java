package io.uniapi.api;

import io.uniapi.errors.ServiceUnavailableException;
import io.uniapi.stats.StatsBackend;
import org.jdbi.v3.core.JdbiException;

import java.util.function.Supplier;

/** Runs a statistics query; a database that is off or unreachable becomes a clear 503, never a stack trace. */
final class StatsUnavailable {
    private StatsUnavailable() {
    }

    static void requireEnabled(StatsBackend stats) {
        if (!stats.enabled()) {
            throw new ServiceUnavailableException("database_disabled", "Database is disabled.");
        }
    }

    static <T> T query(Supplier<T> query) {
        try {
            return query.get();
        } catch (JdbiException | IllegalStateException e) {
            throw new ServiceUnavailableException("database_unavailable",
                    "The statistics database is unavailable right now; try again later.");
        }
    }
}
