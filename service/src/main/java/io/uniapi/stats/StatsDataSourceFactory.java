package io.uniapi.stats;

import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.util.Duration;

/**
 * Dropwizard's {@code database:} section with defaults that suit a statistics store that must never hold up the
 * service: a small pool, connections checked before use (they die when the database restarts), bounded waits, and
 * a service that starts even when the database is unreachable (the writer catches up later).
 */
public class StatsDataSourceFactory extends DataSourceFactory {
    public StatsDataSourceFactory() {
        setInitialSize(1);
        setMinSize(1);
        setMaxSize(8);
        setCheckConnectionOnBorrow(true);
        setMaxWaitForConnection(Duration.seconds(5));
        setValidationQueryTimeout(Duration.seconds(3));
        setIgnoreExceptionOnPreLoad(true);
    }
}
