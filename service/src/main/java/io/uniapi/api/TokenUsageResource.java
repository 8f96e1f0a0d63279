package io.uniapi.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.uniapi.config.ClientKey;
import io.uniapi.config.Fingerprint;
import io.uniapi.config.Snapshot;
import io.uniapi.credits.CreditLedger;
import io.uniapi.credits.CreditLimit;
import io.uniapi.errors.SecretRedactor;
import io.uniapi.stats.StatsBackend;
import io.uniapi.stats.StatsReports;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code GET /v1/token_usage} (reference §7.3): token sums per key and model. A key sees only its own usage (even
 * if it names another key); an admin sees every key or the one named by {@code api_key_param}. Reachable after
 * the key's credits are spent, so that its owner can see why.
 */
@Path("/v1/token_usage")
@ClientKeyRequired
@CreditsExempt
@Produces(MediaType.APPLICATION_JSON)
public final class TokenUsageResource {
    private final StatsBackend stats;

    public TokenUsageResource(StatsBackend stats) {
        this.stats = stats;
    }

    @GET
    public TokenUsage usage(@Context ContainerRequestContext request,
                            @QueryParam("api_key_param") String apiKeyParam,
                            @QueryParam("model") String model,
                            @QueryParam("start_datetime") String start,
                            @QueryParam("end_datetime") String end,
                            @QueryParam("last_n_days") String lastNDays) {
        StatsUnavailable.requireEnabled(stats);
        Snapshot snapshot = RequestAttributes.snapshot(request);
        ClientKey caller = RequestAttributes.clientKey(request);
        Instant now = stats.clock().instant();
        UsageWindow window = UsageWindow.parse(lastNDays, start, end, now);
        boolean named = caller.admin() && apiKeyParam != null && !apiKeyParam.isBlank();
        String keyFilter = caller.admin() ? (named ? Fingerprint.of(apiKeyParam.trim()) : null) : caller.fingerprint();
        String modelFilter = model == null || model.isBlank() ? null : model;
        List<StatsReports.KeyModelUsage> rows = StatsUnavailable.query(() -> stats.reports().tokenUsage(
                new StatsReports.UsageFilter(keyFilter, modelFilter, window.from(), window.until())));

        List<UsageRow> usage = rows.stream().map(row -> new UsageRow(KeyDisplay.of(snapshot, row.keyFingerprint()),
                row.keyFingerprint(), row.model(), row.promptTokens(), row.completionTokens(), row.totalTokens(),
                row.requestCount())).toList();
        String filterLabel = !caller.admin() ? "self" : named ? SecretRedactor.mask(apiKeyParam.trim()) : "all";
        QueryDetails details = new QueryDetails(iso(window.from()), iso(window.until()), filterLabel,
                modelFilter == null ? "all" : modelFilter, null, null, null);
        if (keyFilter != null) {
            details = withBalance(details, snapshot, keyFilter);
        }
        return new TokenUsage(usage, details);
    }

    private QueryDetails withBalance(QueryDetails details, Snapshot snapshot, String fingerprint) {
        Optional<CreditLimit> limit = snapshot.billing().limit(fingerprint);
        if (limit.isEmpty()) {
            return details;
        }
        CreditLedger.Balance balance = stats.ledger().balance(fingerprint, limit.get());
        return new QueryDetails(details.startDatetime(), details.endDatetime(), details.apiKeyFilter(),
                details.modelFilter(), dollars(balance.credits()), dollars(balance.spent()), dollars(balance.remaining()));
    }

    static String dollars(double amount) {
        return "$" + String.format(Locale.ROOT, "%.6f", amount).replaceAll("0+$", "").replaceAll("\\.$", ".0");
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    public record TokenUsage(@JsonProperty("usage") List<UsageRow> usage,
                             @JsonProperty("query_details") QueryDetails queryDetails) {
    }

    public record UsageRow(@JsonProperty("api_key_prefix") String apiKeyPrefix,
                           @JsonProperty("key_fingerprint") String keyFingerprint,
                           @JsonProperty("model") String model,
                           @JsonProperty("total_prompt_tokens") long totalPromptTokens,
                           @JsonProperty("total_completion_tokens") long totalCompletionTokens,
                           @JsonProperty("total_tokens") long totalTokens,
                           @JsonProperty("request_count") long requestCount) {
    }

    public record QueryDetails(@JsonProperty("start_datetime") String startDatetime,
                               @JsonProperty("end_datetime") String endDatetime,
                               @JsonProperty("api_key_filter") String apiKeyFilter,
                               @JsonProperty("model_filter") String modelFilter,
                               @JsonProperty("credits") String credits,
                               @JsonProperty("total_cost") String totalCost,
                               @JsonProperty("balance") String balance) {
    }
}
