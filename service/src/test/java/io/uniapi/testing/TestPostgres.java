package io.uniapi.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh PostgreSQL database on the local server (127.0.0.1:5432, trust authentication), created for one test
 * class and dropped after it, so that runs never see each other's rows. {@code UNIAPI_TEST_PG_HOST} and
 * {@code UNIAPI_TEST_PG_PORT} point elsewhere.
 */
public final class TestPostgres implements AutoCloseable {
    public static final String HOST = env("UNIAPI_TEST_PG_HOST", "127.0.0.1");
    public static final int PORT = Integer.parseInt(env("UNIAPI_TEST_PG_PORT", "5432"));
    public static final String USER = "postgres";

    private final String name;

    private TestPostgres(String name) {
        this.name = name;
    }

    public static TestPostgres create() {
        String name = "uniapi_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        admin("CREATE DATABASE " + name);
        return new TestPostgres(name);
    }

    public String name() {
        return name;
    }

    /** The JDBC URL of this database on {@code host:port} (e.g. through a {@link TcpProxy}). */
    public String url(String host, int port) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    public String url() {
        return url(HOST, PORT);
    }

    /** The {@code database:} section of an {@code api.yaml} that keeps statistics in this database. */
    public String databaseSection() {
        return """
                database:
                  driverClass: org.postgresql.Driver
                  url: %s
                  user: %s
                  password: ""
                """.formatted(url(), USER);
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), USER, "");
    }

    @Override
    public void close() {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void admin(String sql) {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/postgres",
                USER, ""); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL on " + HOST + ":" + PORT + " is needed for this test: " + sql, e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
