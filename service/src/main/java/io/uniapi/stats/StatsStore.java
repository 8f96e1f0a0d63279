package io.uniapi.stats;

import io.uniapi.credits.SpendSource;
import io.uniapi.telemetry.AttemptRecord;
import io.uniapi.telemetry.RequestRecord;
import org.jdbi.v3.core.Jdbi;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;

/** Writes statistics rows and reads what billing needs. Plain SQL that H2 and PostgreSQL both accept. */
public final class StatsStore implements SpendSource {
    private static final String INSERT_REQUEST = """
            INSERT INTO request_stats (request_id, started_at, endpoint, key_fingerprint, key_role, model, channel,
              status, stream, process_time_ms, first_response_time_ms, prompt_tokens, completion_tokens,
              total_tokens, retries, client_ip, error_category, prompt_price, completion_price)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_ATTEMPT = """
            INSERT INTO channel_stats (request_id, finished_at, channel, model, upstream_model,
              upstream_key_fingerprint, success, status, status_class, failure, latency_ms)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    static final String COST = "(prompt_tokens * prompt_price + completion_tokens * completion_price) / 1000000.0";

    private final Jdbi jdbi;

    public StatsStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Jdbi jdbi() {
        return jdbi;
    }

    /**
     * Writes the entries in one transaction: all or none. Plain JDBC batches: this runs for every record, and
     * JDBI's statement machinery (templating, argument binding by reflection) would cost more than the insert.
     */
    void write(List<StatsEntry> entries) {
        try {
            insert(entries);
        } catch (SQLException e) {
            throw new IllegalStateException("statistics insert failed", e);
        }
    }

    private void insert(List<StatsEntry> entries) throws SQLException {
        jdbi.useTransaction(handle -> {
            Connection connection = handle.getConnection();
            try (PreparedStatement requests = connection.prepareStatement(INSERT_REQUEST);
                 PreparedStatement attempts = connection.prepareStatement(INSERT_ATTEMPT)) {
                int requestRows = 0;
                int attemptRows = 0;
                for (StatsEntry entry : entries) {
                    if (entry instanceof StatsEntry.Request request) {
                        bindRequest(requests, request);
                        requestRows++;
                    } else if (entry instanceof StatsEntry.Attempt attempt) {
                        bindAttempt(attempts, attempt);
                        attemptRows++;
                    }
                }
                if (requestRows > 0) {
                    requests.executeBatch();
                }
                if (attemptRows > 0) {
                    attempts.executeBatch();
                }
            }
        });
    }

    private static void bindRequest(PreparedStatement statement, StatsEntry.Request entry) throws SQLException {
        RequestRecord r = entry.record();
        statement.setString(1, Columns.text(r.requestId(), 128));
        statement.setTimestamp(2, Timestamp.from(r.startedAt()));
        statement.setString(3, Columns.text(r.endpoint(), 128));
        statement.setString(4, Columns.text(r.keyFingerprint(), 32));
        statement.setString(5, Columns.text(r.role(), 128));
        statement.setString(6, Columns.text(r.model(), 256));
        statement.setString(7, Columns.text(r.channel(), 256));
        statement.setInt(8, r.status());
        statement.setBoolean(9, r.stream());
        statement.setLong(10, r.total().toMillis());
        if (r.timeToFirstByte() == null) {
            statement.setNull(11, Types.BIGINT);
        } else {
            statement.setLong(11, r.timeToFirstByte().toMillis());
        }
        statement.setLong(12, r.usage().promptTokens());
        statement.setLong(13, r.usage().completionTokens());
        statement.setLong(14, r.usage().totalTokens());
        statement.setInt(15, Math.max(0, r.attempts() - 1));
        statement.setString(16, Columns.text(r.clientIp(), 64));
        statement.setString(17, Columns.text(r.errorCategory(), 64));
        statement.setDouble(18, entry.price().prompt());
        statement.setDouble(19, entry.price().completion());
        statement.addBatch();
    }

    private static void bindAttempt(PreparedStatement statement, StatsEntry.Attempt entry) throws SQLException {
        AttemptRecord a = entry.record();
        statement.setString(1, Columns.text(a.requestId(), 128));
        statement.setTimestamp(2, Timestamp.from(entry.finishedAt()));
        statement.setString(3, Columns.text(a.channel(), 256));
        statement.setString(4, Columns.text(a.alias(), 256));
        statement.setString(5, Columns.text(a.upstreamModel(), 256));
        statement.setString(6, Columns.text(a.keyFingerprint(), 32));
        statement.setBoolean(7, a.success());
        statement.setInt(8, a.status());
        statement.setString(9, (a.status() / 100) + "xx");
        statement.setString(10, Columns.text(a.failure(), 64));
        statement.setLong(11, a.latency().toMillis());
        statement.addBatch();
    }

    @Override
    public double spendSince(String keyFingerprint, Instant since) {
        return sumSince("SELECT COALESCE(SUM(" + COST + "), 0) FROM request_stats"
                + " WHERE key_fingerprint = :key AND started_at >= :since", keyFingerprint, since);
    }

    @Override
    public double topupsSince(String keyFingerprint, Instant since) {
        return sumSince("SELECT COALESCE(SUM(amount), 0) FROM credit_topups"
                + " WHERE key_fingerprint = :key AND created_at >= :since", keyFingerprint, since);
    }

    /** Runs a {@code SUM} query of one key's rows since a moment (parameters {@code :key} and {@code :since}). */
    private double sumSince(String sql, String keyFingerprint, Instant since) {
        return jdbi.withHandle(handle -> handle.createQuery(sql)
                .bind("key", keyFingerprint)
                .bind("since", Timestamp.from(since))
                .mapTo(Double.class)
                .one());
    }

    @Override
    public void addTopup(String keyFingerprint, double amount, Instant at) {
        jdbi.useHandle(handle -> handle.createUpdate("INSERT INTO credit_topups (key_fingerprint, amount, created_at)"
                        + " VALUES (:key, :amount, :at)")
                .bind("key", keyFingerprint)
                .bind("amount", amount)
                .bind("at", Timestamp.from(at))
                .execute());
    }

    /** Whether the database answers at all: tells a dead database from a row it refuses. */
    boolean reachable() {
        try {
            return jdbi.withHandle(handle -> handle.getConnection().isValid(2));
        } catch (Exception e) {
            return false;
        }
    }
}
