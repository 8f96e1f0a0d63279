package io.uniapi.stats;

import io.uniapi.testing.TestGateway;
import io.uniapi.testing.TestPostgres;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java -jar service/target/uni-api.jar db migrate api.yaml} as a user runs it: from the shaded jar (the
 * changelog and Liquibase's service files must survive shading), in its own process, on H2 and PostgreSQL.
 */
class DbMigrateJarIT {
    @Test
    void migratesAnEmbeddedH2FileFromTheJar() throws Exception {
        Path config = TestGateway.writeConfig(TestGateway.IDLE_CONFIG);
        assertThat(migrate(config)).isZero();
        Jdbi db = Jdbi.create("jdbc:h2:file:" + config.getParent().resolve("stats").toAbsolutePath(), "sa", "");
        long applied = db.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM databasechangelog").mapTo(Long.class).one());
        assertThat(applied).isEqualTo(3);
    }

    @Test
    void migratesPostgresFromTheJar() throws Exception {
        try (TestPostgres postgres = TestPostgres.create()) {
            Path config = TestGateway.writeConfig(TestGateway.IDLE_CONFIG + postgres.databaseSection());
            assertThat(migrate(config)).isZero();
            assertThat(migrate(config)).as("a second run changes nothing and succeeds").isZero();
            Jdbi db = Jdbi.create(postgres.url(), TestPostgres.USER, "");
            long tables = db.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM information_schema.tables WHERE "
                    + "table_name IN ('request_stats', 'channel_stats', 'credit_topups')").mapTo(Long.class).one());
            assertThat(tables).isEqualTo(3);
        }
    }

    private static int migrate(Path config) throws Exception {
        Path jar = Path.of("target", "uni-api.jar").toAbsolutePath();
        assertThat(jar).exists();
        Path log = Files.createTempFile("db-migrate", ".log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "db", "migrate", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("db migrate did not finish:\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
        if (process.exitValue() != 0) {
            System.err.println(Files.readString(log, StandardCharsets.UTF_8));
        }
        return process.exitValue();
    }
}
