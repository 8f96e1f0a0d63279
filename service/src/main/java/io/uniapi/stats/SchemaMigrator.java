package io.uniapi.stats;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.migrations.CloseableLiquibaseWithClassPathMigrationsFile;
import liquibase.Contexts;
import liquibase.LabelExpression;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code migrations/changelog.xml} (packaged in the jar) with Liquibase, the same changelog the
 * {@code db migrate} command applies. Idempotent: already applied change sets are skipped; several instances
 * starting together serialise on Liquibase's lock table.
 */
public final class SchemaMigrator {
    public static final String CHANGELOG = "migrations/changelog.xml";
    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);

    static {
        // Liquibase 4.30+ sends anonymous usage analytics unless told not to; a gateway has no business doing that.
        if (System.getProperty("liquibase.analytics.enabled") == null) {
            System.setProperty("liquibase.analytics.enabled", "false");
        }
    }

    private final DataSourceFactory database;

    public SchemaMigrator(DataSourceFactory database) {
        this.database = database;
    }

    /** Call before Liquibase can be loaded by anything else (e.g. the {@code db} commands). */
    public static void disableLiquibaseAnalytics() {
        // The static initialiser does the work.
    }

    public void migrate() {
        // A pool of its own: Liquibase closes the data source it was given when it is done.
        ManagedDataSource dataSource = database.build(new MetricRegistry(), "uni-api-migrations");
        CloseableLiquibaseWithClassPathMigrationsFile liquibase;
        try {
            liquibase = new CloseableLiquibaseWithClassPathMigrationsFile(dataSource, CHANGELOG);
        } catch (Exception e) {
            stopQuietly(dataSource);
            throw new IllegalStateException("cannot open the statistics database to migrate it", e);
        }
        try (liquibase) {
            int pending = liquibase.listUnrunChangeSets(new Contexts(), new LabelExpression()).size();
            if (pending > 0) {
                liquibase.update(new Contexts(), new LabelExpression());
                LOG.info("Statistics schema: applied {} migration(s)", pending);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot apply " + CHANGELOG, e);
        }
    }

    private static void stopQuietly(ManagedDataSource dataSource) {
        try {
            dataSource.stop();
        } catch (Exception ignored) {
            // nothing more to release
        }
    }
}
