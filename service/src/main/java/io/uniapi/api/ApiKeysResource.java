package io.uniapi.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.uniapi.config.ClientKey;
import io.uniapi.config.Snapshot;
import io.uniapi.credits.CreditLedger;
import io.uniapi.credits.CreditLimit;
import io.uniapi.errors.InvalidRequestException;
import io.uniapi.errors.ResourceNotFoundException;
import io.uniapi.errors.SecretRedactor;
import io.uniapi.stats.StatsBackend;
import io.uniapi.stats.StatsReports;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Admin endpoints about client keys: {@code GET /v1/generate-api-key} (admin only, as uni-api's README promises;
 * its code lets any key call it: reference bug §10.11), {@code GET /v1/api_keys_states} and
 * {@code POST /v1/add_credits}. Keys are shown masked, never in full.
 */
@Path("/v1")
@ClientKeyRequired
@Produces(MediaType.APPLICATION_JSON)
public final class ApiKeysResource {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final StatsBackend stats;

    public ApiKeysResource(StatsBackend stats) {
        this.stats = stats;
    }

    /** A new key, {@code sk-} and 48 random letters and digits; add it to {@code api.yaml} to use it. */
    @GET
    @Path("/generate-api-key")
    public Map<String, String> generate(@Context ContainerRequestContext request) {
        AdminAccess.require(RequestAttributes.clientKey(request));
        StringBuilder key = new StringBuilder("sk-");
        for (int i = 0; i < 48; i++) {
            key.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return Map.of("api_key", key.toString());
    }

    /** Every key with credits: its balance and its token usage in the credit window. */
    @GET
    @Path("/api_keys_states")
    public Map<String, Map<String, KeyState>> states(@Context ContainerRequestContext request) {
        AdminAccess.require(RequestAttributes.clientKey(request));
        Snapshot snapshot = RequestAttributes.snapshot(request);
        Instant now = stats.clock().instant();
        Map<String, KeyState> states = new LinkedHashMap<>();
        for (ClientKey key : snapshot.clientKeys().all()) {
            snapshot.billing().limit(key.fingerprint()).ifPresent(limit -> {
                String name = SecretRedactor.mask(key.config().api());
                // Two keys can share their first and last characters: the fingerprint tells them apart.
                states.put(states.containsKey(name) ? name + " " + key.fingerprint() : name, state(key, limit, now));
            });
        }
        return Map.of("api_keys_states", states);
    }

    /** Raises a key's credits; written to the database, so it survives restarts and reaches every instance. */
    @POST
    @Path("/add_credits")
    public Map<String, Object> addCredits(@Context ContainerRequestContext request,
                                          @QueryParam("paid_key") String paidKey,
                                          @QueryParam("amount") String amountParam) {
        AdminAccess.require(RequestAttributes.clientKey(request));
        double amount = amount(amountParam);
        Snapshot snapshot = RequestAttributes.snapshot(request);
        ClientKey key = paidKey == null ? null : snapshot.clientKeys().byValue(paidKey.trim()).orElse(null);
        CreditLimit limit = key == null ? null : snapshot.billing().limit(key.fingerprint()).orElse(null);
        if (limit == null) {
            throw new ResourceNotFoundException("paid_key_not_found", "paid_key",
                    "paid_key: no key of the config with preferences.credits matches it.");
        }
        StatsUnavailable.requireEnabled(stats);
        CreditLedger.Balance balance = StatsUnavailable.query(() -> stats.ledger().addCredits(key.fingerprint(), limit,
                amount, stats.store(), stats.clock().instant()));
        String masked = SecretRedactor.mask(key.config().api());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", "Successfully added " + amount + " credits to API key '" + masked + "'.");
        body.put("paid_key", masked);
        body.put("new_credits", balance.credits());
        body.put("enabled", balance.enabled());
        return body;
    }

    private KeyState state(ClientKey key, CreditLimit limit, Instant now) {
        CreditLedger.Balance balance = stats.ledger().balance(key.fingerprint(), limit);
        List<Object> tokens = List.of();
        if (stats.enabled()) {
            List<StatsReports.KeyModelUsage> rows = StatsUnavailable.query(() -> stats.reports().tokenUsage(
                    new StatsReports.UsageFilter(key.fingerprint(), null, limit.windowStart(now), null)));
            tokens = rows.stream().<Object>map(row -> new TokenUsageResource.UsageRow(SecretRedactor.mask(key.config().api()),
                    row.keyFingerprint(), row.model(), row.promptTokens(), row.completionTokens(), row.totalTokens(),
                    row.requestCount())).toList();
        }
        return new KeyState(balance.credits(), limit.windowStart(now).toString(), tokens, balance.spent(),
                balance.enabled(), key.config().role(), key.fingerprint());
    }

    private static double amount(String value) {
        try {
            double amount = Double.parseDouble(value == null ? "" : value.trim());
            if (amount > 0 && Double.isFinite(amount)) {
                return amount;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new InvalidRequestException("invalid_value", "amount", "amount: '" + value + "' (expected a positive number)");
    }

    public record KeyState(@JsonProperty("credits") double credits,
                           @JsonProperty("created_at") String createdAt,
                           @JsonProperty("all_tokens_info") List<Object> allTokensInfo,
                           @JsonProperty("total_cost") double totalCost,
                           @JsonProperty("enabled") boolean enabled,
                           @JsonProperty("role") String role,
                           @JsonProperty("key_fingerprint") String keyFingerprint) {
    }
}
