package io.uniapi.stats;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The read side of the statistics: the aggregates behind {@code /v1/stats}, {@code /v1/token_usage} and credits. */
public final class StatsReports {
    private static final String SUCCESSES = "SUM(CASE WHEN success THEN 1 ELSE 0 END)";

    private final Jdbi jdbi;

    public StatsReports(StatsStore store) {
        this.jdbi = store.jdbi();
    }

    /** uni-api's {@code /v1/stats} body for the period since {@code since}. */
    public Summary summary(int hours, Instant since) {
        return jdbi.withHandle(handle -> {
            Timestamp from = Timestamp.from(since);
            List<ChannelModelRate> channelModels = handle.createQuery("SELECT channel, model, COUNT(*) AS total, "
                            + SUCCESSES + " AS ok FROM channel_stats WHERE finished_at >= :since GROUP BY channel, model")
                    .bind("since", from)
                    .map((rs, ctx) -> new ChannelModelRate(rs.getString("channel"), rs.getString("model"),
                            rate(rs.getLong("ok"), rs.getLong("total")), rs.getLong("total")))
                    .list();
            List<ChannelRate> channels = handle.createQuery("SELECT channel, COUNT(*) AS total, " + SUCCESSES
                            + " AS ok FROM channel_stats WHERE finished_at >= :since GROUP BY channel")
                    .bind("since", from)
                    .map((rs, ctx) -> new ChannelRate(rs.getString("channel"), rate(rs.getLong("ok"), rs.getLong("total")),
                            rs.getLong("total")))
                    .list();
            return new Summary("Last " + hours + " hours",
                    sorted(channelModels, Comparator.comparingDouble(ChannelModelRate::successRate)),
                    sorted(channels, Comparator.comparingDouble(ChannelRate::successRate)),
                    counts(handle.createQuery(countBy("model")).bind("since", from), "model"),
                    counts(handle.createQuery(countBy("endpoint")).bind("since", from), "endpoint"),
                    counts(handle.createQuery(countBy("client_ip")).bind("since", from), "ip"));
        });
    }

    /** Token sums per (key, model), as {@code /v1/token_usage} lists them. */
    public List<KeyModelUsage> tokenUsage(UsageFilter filter) {
        StringBuilder sql = new StringBuilder("SELECT key_fingerprint, model, SUM(prompt_tokens) AS prompt, "
                + "SUM(completion_tokens) AS completion, SUM(total_tokens) AS total, COUNT(*) AS requests "
                + "FROM request_stats WHERE 1 = 1");
        if (filter.keyFingerprint() != null) {
            sql.append(" AND key_fingerprint = :key");
        }
        if (filter.model() != null) {
            sql.append(" AND model = :model");
        } else {
            sql.append(" AND model IS NOT NULL AND model <> ''");
        }
        if (filter.from() != null) {
            sql.append(" AND started_at >= :from");
        }
        if (filter.until() != null) {
            sql.append(" AND started_at < :until");
        }
        sql.append(" GROUP BY key_fingerprint, model ORDER BY key_fingerprint, model");
        return jdbi.withHandle(handle -> {
            Query query = handle.createQuery(sql.toString());
            if (filter.keyFingerprint() != null) {
                query.bind("key", filter.keyFingerprint());
            }
            if (filter.model() != null) {
                query.bind("model", filter.model());
            }
            if (filter.from() != null) {
                query.bind("from", Timestamp.from(filter.from()));
            }
            if (filter.until() != null) {
                query.bind("until", Timestamp.from(filter.until()));
            }
            return query.map((rs, ctx) -> new KeyModelUsage(rs.getString("key_fingerprint"), rs.getString("model"),
                    rs.getLong("prompt"), rs.getLong("completion"), rs.getLong("total"), rs.getLong("requests"))).list();
        });
    }

    private static String countBy(String column) {
        return "SELECT " + column + " AS item, COUNT(*) AS n FROM request_stats WHERE started_at >= :since GROUP BY "
                + column + " ORDER BY n DESC";
    }

    private static List<Map<String, Object>> counts(Query query, String name) {
        return query.map((rs, ctx) -> {
            Map<String, Object> row = new java.util.LinkedHashMap<>();
            row.put(name, rs.getString("item"));
            row.put("count", rs.getLong("n"));
            return row;
        }).list();
    }

    private static <T> List<T> sorted(List<T> rows, Comparator<T> bySuccessRate) {
        List<T> out = new ArrayList<>(rows);
        out.sort(bySuccessRate.reversed());
        return out;
    }

    private static double rate(long ok, long total) {
        return total == 0 ? 0 : (double) ok / total;
    }

    /** The filters of a token usage query; null means no filter. */
    public record UsageFilter(String keyFingerprint, String model, Instant from, Instant until) {
    }

    public record KeyModelUsage(String keyFingerprint, String model, long promptTokens, long completionTokens,
                                long totalTokens, long requestCount) {
    }

    public record Summary(
            @JsonProperty("time_range") String timeRange,
            @JsonProperty("channel_model_success_rates") List<ChannelModelRate> channelModelSuccessRates,
            @JsonProperty("channel_success_rates") List<ChannelRate> channelSuccessRates,
            @JsonProperty("model_request_counts") List<Map<String, Object>> modelRequestCounts,
            @JsonProperty("endpoint_request_counts") List<Map<String, Object>> endpointRequestCounts,
            @JsonProperty("ip_request_counts") List<Map<String, Object>> ipRequestCounts) {
    }

    public record ChannelModelRate(@JsonProperty("provider") String provider, @JsonProperty("model") String model,
                                   @JsonProperty("success_rate") double successRate,
                                   @JsonProperty("total_requests") long totalRequests) {
    }

    public record ChannelRate(@JsonProperty("provider") String provider,
                              @JsonProperty("success_rate") double successRate,
                              @JsonProperty("total_requests") long totalRequests) {
    }
}
