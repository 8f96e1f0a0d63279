package io.uniapi.providers.vertex;

import io.uniapi.config.GoogleCloud;
import io.uniapi.http.TransportException;
import io.uniapi.http.UpstreamRequest;
import io.uniapi.http.UpstreamResponse;
import io.uniapi.providers.UpstreamAnswerException;
import io.uniapi.providers.UpstreamError;
import io.uniapi.providers.WireJson;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * OAuth access tokens of Vertex AI service accounts. A token is fetched (signed assertion exchanged at the token
 * endpoint) the first time it is needed and reused until shortly before it expires (uni-api fetched one per request;
 * reference bug §10.15, fixed). Concurrent requests wait for one exchange instead of each starting their own. The
 * cache outlives config reloads: it is keyed by the account, the key and the endpoint, so a changed key gets a new
 * token.
 */
public final class GoogleAccessTokens {
    private static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Performs the token call (the gateway's upstream HTTP client, through the channel's proxy). */
    @FunctionalInterface
    public interface Exchange {
        UpstreamResponse call(UpstreamRequest request, Duration timeout) throws TransportException;
    }

    private final Exchange exchange;
    private final Clock clock;
    private final ConcurrentMap<String, Slot> slots = new ConcurrentHashMap<>();

    public GoogleAccessTokens(Exchange exchange, Clock clock) {
        this.exchange = exchange;
        this.clock = clock;
    }

    /** A valid access token for {@code account}, from the cache or freshly exchanged. */
    String token(GoogleCloud.ServiceAccount account, String proxy) throws TransportException, UpstreamAnswerException {
        Slot slot = slots.computeIfAbsent(account.cacheKey(), key -> new Slot());
        Token current = slot.token;
        if (current != null && current.fresh(clock.instant())) {
            return current.value;
        }
        slot.lock.lock();
        try {
            current = slot.token;
            Instant now = clock.instant();
            if (current != null && current.fresh(now)) {
                return current.value;
            }
            try {
                slot.token = fetch(account, proxy, now);
            } catch (TransportException | UpstreamAnswerException e) {
                // A token that is due for renewal but not yet expired still works; renewal is tried again later.
                if (current != null && now.isBefore(current.expiresAt)) {
                    return current.value;
                }
                throw e;
            }
            return slot.token.value;
        } finally {
            slot.lock.unlock();
        }
    }

    private Token fetch(GoogleCloud.ServiceAccount account, String proxy, Instant now)
            throws TransportException, UpstreamAnswerException {
        String form = "grant_type=" + URLEncoder.encode("urn:ietf:params:oauth:grant-type:jwt-bearer", StandardCharsets.UTF_8)
                + "&assertion=" + ServiceAccountAssertion.sign(account, now);
        UpstreamRequest call = new UpstreamRequest("POST", account.tokenUrl(),
                Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "application/json"),
                form.getBytes(StandardCharsets.US_ASCII), proxy);
        UpstreamResponse response = exchange.call(call, TIMEOUT);
        var json = WireJson.objectOrNull(response.body());
        String token = json == null ? "" : json.path("access_token").asText("");
        if (!response.successful() || token.isEmpty()) {
            throw new UpstreamAnswerException(failure(account, response.status(), json == null ? null
                    : json.path("error_description").asText(json.path("error").asText(null))));
        }
        long seconds = json.path("expires_in").asLong(3600);
        Instant expires = now.plusSeconds(Math.max(1, seconds));
        Duration margin = REFRESH_MARGIN.compareTo(Duration.ofSeconds(seconds / 2)) < 0
                ? REFRESH_MARGIN : Duration.ofSeconds(seconds / 2);
        return new Token(token, expires.minus(margin), expires);
    }

    /**
     * The account's credentials were refused (bad key, deleted account: 400/401/403 from the endpoint) — the
     * channel cannot work, so this is an authentication failure and the next channel is tried; anything else
     * from the endpoint is a bad gateway.
     */
    private static UpstreamError failure(GoogleCloud.ServiceAccount account, int status, String reason) {
        int mapped = status == 400 || status == 401 || status == 403 ? 401 : 502;
        return new UpstreamError(mapped, "Vertex AI: the token endpoint refused service account "
                + account.clientEmail() + " (HTTP " + status + (reason == null ? "" : ": " + reason) + ")", null);
    }

    private static final class Slot {
        private final ReentrantLock lock = new ReentrantLock();
        private volatile Token token;
    }

    /** A token, the instant from which it should be replaced, and its expiry. */
    private record Token(String value, Instant refreshAt, Instant expiresAt) {
        boolean fresh(Instant now) {
            return now.isBefore(refreshAt);
        }
    }
}
