package io.uniapi.stats;

import io.uniapi.credits.SpendSource;
import io.uniapi.telemetry.AttemptRecord;
import io.uniapi.telemetry.RequestRecord;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/** Writes statistics rows and reads what billing needs. Plain SQL that H2 and PostgreSQL both accept. */
public final class StatsStore implements SpendSource {
    private static final String INSERT_REQUEST = """
            INSERT INTO request_stats (request_id, started_at, endpoint, key_fingerprint, key_role, model, channel,
              status, stream, process_time_ms, first_response_time_ms, prompt_tokens, completion_tokens,
              total_tokens, retries, client_ip, error_category, prompt_price, completion_price)
            VALUES (:requestId, :startedAt, :endpoint, :keyFingerprint, :role, :model, :channel, :status, :stream,
              :processTimeMs, :firstResponseTimeMs, :promptTokens, :completionTokens, :totalTokens, :retries,
              :clientIp, :errorCategory, :promptPrice, :completionPrice)""";
    private static final String INSERT_ATTEMPT = """
            INSERT INTO channel_stats (request_id, finished_at, channel, model, upstream_model,
              upstream_key_fingerprint, success, status, status_class, failure, latency_ms)
            VALUES (:requestId, :finishedAt, :channel, :model, :upstreamModel, :keyFingerprint, :success, :status,
              :statusClass, :failure, :latencyMs)""";
    static final String COST = "(prompt_tokens * prompt_price + completion_tokens * completion_price) / 1000000.0";

    private final Jdbi jdbi;

    public StatsStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Jdbi jdbi() {
        return jdbi;
    }

    /** Writes the entries in one transaction: all or none. */
    void write(List<StatsEntry> entries) {
        jdbi.useTransaction(handle -> {
            PreparedBatch requests = null;
            PreparedBatch attempts = null;
            for (StatsEntry entry : entries) {
                if (entry instanceof StatsEntry.Request request) {
                    requests = requests == null ? handle.prepareBatch(INSERT_REQUEST) : requests;
                    bindRequest(requests, request);
                } else if (entry instanceof StatsEntry.Attempt attempt) {
                    attempts = attempts == null ? handle.prepareBatch(INSERT_ATTEMPT) : attempts;
                    bindAttempt(attempts, attempt);
                }
            }
            execute(requests);
            execute(attempts);
        });
    }

    private static void execute(PreparedBatch batch) {
        if (batch != null) {
            batch.execute();
        }
    }

    private static void bindRequest(PreparedBatch batch, StatsEntry.Request entry) {
        RequestRecord r = entry.record();
        batch.bind("requestId", Columns.text(r.requestId(), 128))
                .bind("startedAt", Timestamp.from(r.startedAt()))
                .bind("endpoint", Columns.text(r.endpoint(), 128))
                .bind("keyFingerprint", Columns.text(r.keyFingerprint(), 32))
                .bind("role", Columns.text(r.role(), 128))
                .bind("model", Columns.text(r.model(), 256))
                .bind("channel", Columns.text(r.channel(), 256))
                .bind("status", r.status())
                .bind("stream", r.stream())
                .bind("processTimeMs", r.total().toMillis())
                .bind("firstResponseTimeMs", r.timeToFirstByte() == null ? null : r.timeToFirstByte().toMillis())
                .bind("promptTokens", r.usage().promptTokens())
                .bind("completionTokens", r.usage().completionTokens())
                .bind("totalTokens", r.usage().totalTokens())
                .bind("retries", Math.max(0, r.attempts() - 1))
                .bind("clientIp", Columns.text(r.clientIp(), 64))
                .bind("errorCategory", Columns.text(r.errorCategory(), 64))
                .bind("promptPrice", entry.price().prompt())
                .bind("completionPrice", entry.price().completion())
                .add();
    }

    private static void bindAttempt(PreparedBatch batch, StatsEntry.Attempt entry) {
        AttemptRecord a = entry.record();
        batch.bind("requestId", Columns.text(a.requestId(), 128))
                .bind("finishedAt", Timestamp.from(entry.finishedAt()))
                .bind("channel", Columns.text(a.channel(), 256))
                .bind("model", Columns.text(a.alias(), 256))
                .bind("upstreamModel", Columns.text(a.upstreamModel(), 256))
                .bind("keyFingerprint", Columns.text(a.keyFingerprint(), 32))
                .bind("success", a.success())
                .bind("status", a.status())
                .bind("statusClass", (a.status() / 100) + "xx")
                .bind("failure", Columns.text(a.failure(), 64))
                .bind("latencyMs", a.latency().toMillis())
                .add();
    }

    @Override
    public double spendSince(String keyFingerprint, Instant since) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT COALESCE(SUM(" + COST + "), 0) FROM request_stats"
                        + " WHERE key_fingerprint = :key AND started_at >= :since")
                .bind("key", keyFingerprint)
                .bind("since", Timestamp.from(since))
                .mapTo(Double.class)
                .one());
    }

    @Override
    public double topupsSince(String keyFingerprint, Instant since) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT COALESCE(SUM(amount), 0) FROM credit_topups"
                        + " WHERE key_fingerprint = :key AND created_at >= :since")
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
