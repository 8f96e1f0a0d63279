package io.uniapi.stats;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import io.uniapi.UniApiApplication;
import io.uniapi.UniApiConfiguration;
import io.uniapi.testing.TestGateway;
import io.uniapi.testing.TestPostgres;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java -jar uni-api.jar db migrate api.yaml}, run through the application's own command line: the schema
 * packaged in the jar applies to an empty database, H2 or PostgreSQL, and a second run changes nothing.
 */
class DbMigrateCommandTest {
    @Test
    void migratesAnEmptyH2FileAndIsIdempotent() {
        Path config = TestGateway.writeConfig(TestGateway.IDLE_CONFIG);
        String url = "jdbc:h2:file:" + config.getParent().resolve("stats").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";

        assertThat(run("db", "migrate", config.toString())).isEmpty();
        assertThat(run("db", "migrate", config.toString())).isEmpty();

        Jdbi db = Jdbi.create(url, "sa", "");
        assertThat(tables(db)).contains("request_stats", "channel_stats", "credit_topups");
        long applied = db.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM databasechangelog").mapTo(Long.class).one());
        assertThat(applied).isEqualTo(3);
    }

    @Test
    void migratesAnEmptyPostgresDatabase() {
        try (TestPostgres postgres = TestPostgres.create()) {
            Path config = TestGateway.writeConfig(TestGateway.IDLE_CONFIG + postgres.databaseSection());
            assertThat(run("db", "migrate", config.toString())).isEmpty();
            assertThat(run("db", "migrate", config.toString())).isEmpty();
            Jdbi db = Jdbi.create(postgres.url(), TestPostgres.USER, "");
            assertThat(tables(db)).contains("request_stats", "channel_stats", "credit_topups");
        }
    }

    private static List<String> tables(Jdbi db) {
        return db.withHandle(h -> h.createQuery("SELECT LOWER(table_name) FROM information_schema.tables")
                .mapTo(String.class).list());
    }

    private static Optional<Throwable> run(String... args) {
        UniApiApplication application = new UniApiApplication();
        Bootstrap<UniApiConfiguration> bootstrap = new Bootstrap<>(application);
        application.initialize(bootstrap);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Cli cli = new Cli(new JarLocation(UniApiApplication.class), bootstrap, out, out);
        Optional<Throwable> failure = cli.run(args);
        failure.ifPresent(e -> System.err.println(out));
        return failure;
    }
}
