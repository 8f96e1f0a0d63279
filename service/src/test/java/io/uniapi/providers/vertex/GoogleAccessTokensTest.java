package io.uniapi.providers.vertex;

import com.nimbusds.jwt.JWTClaimsSet;
import io.uniapi.config.GoogleCloud;
import io.uniapi.http.TransportException;
import io.uniapi.http.UpstreamRequest;
import io.uniapi.http.UpstreamResponse;
import io.uniapi.providers.UpstreamAnswerException;
import io.uniapi.testing.TestServiceAccount;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GoogleAccessTokensTest {
    static final URI TOKEN_URL = URI.create("https://oauth.test/token");
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-01T10:00:00Z"));
    final List<UpstreamRequest> calls = new CopyOnWriteArrayList<>();
    final GoogleCloud.ServiceAccount account = new GoogleCloud.ServiceAccount(TestServiceAccount.EMAIL, key(), TOKEN_URL);

    @Test
    void exchangesASignedAssertionForAToken() throws Exception {
        GoogleAccessTokens tokens = new GoogleAccessTokens(answering(200, "{\"access_token\":\"ya29.one\",\"expires_in\":3599}"), clock);

        assertThat(tokens.token(account, null)).isEqualTo("ya29.one");

        UpstreamRequest call = calls.get(0);
        assertThat(call.uri()).isEqualTo(TOKEN_URL);
        assertThat(call.headers().get("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        JWTClaimsSet claims = TestServiceAccount.verifiedAssertion(new String(call.body(), StandardCharsets.US_ASCII));
        assertThat(claims.getIssuer()).isEqualTo(TestServiceAccount.EMAIL);
        assertThat(claims.getAudience()).containsExactly(TOKEN_URL.toString());
        assertThat(claims.getStringClaim("scope")).isEqualTo("https://www.googleapis.com/auth/cloud-platform");
        assertThat(claims.getIssueTime().toInstant()).isEqualTo(clock.instant());
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(clock.instant().plusSeconds(3600));
    }

    @Test
    void reusesTheTokenUntilShortlyBeforeItExpires() throws Exception {
        GoogleAccessTokens tokens = new GoogleAccessTokens(answering(200, "{\"access_token\":\"ya29.t\",\"expires_in\":3600}"), clock);

        tokens.token(account, null);
        clock.advance(Duration.ofMinutes(54));
        tokens.token(account, null);
        assertThat(calls).hasSize(1);

        clock.advance(Duration.ofMinutes(2));
        tokens.token(account, null);
        assertThat(calls).as("renewed 5 minutes before expiry").hasSize(2);
    }

    @Test
    void concurrentRequestsShareOneExchange() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        GoogleAccessTokens tokens = new GoogleAccessTokens((request, timeout) -> {
            calls.add(request);
            await(release);
            return new UpstreamResponse(200, Map.of(), "{\"access_token\":\"ya29.shared\",\"expires_in\":3600}".getBytes());
        }, clock);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> tokens.token(account, null)));
            }
            Thread.sleep(200);
            release.countDown();
            for (Future<String> result : results) {
                assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo("ya29.shared");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(calls).hasSize(1);
    }

    @Test
    void aRefusedAccountIsAnAuthenticationFailureNamingTheAccount() {
        GoogleAccessTokens tokens = new GoogleAccessTokens(answering(400,
                "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT Signature.\"}"), clock);

        assertThatThrownBy(() -> tokens.token(account, null))
                .isInstanceOfSatisfying(UpstreamAnswerException.class, e -> {
                    assertThat(e.error().status()).isEqualTo(401);
                    assertThat(e.error().message()).contains(TestServiceAccount.EMAIL).contains("Invalid JWT Signature")
                            .doesNotContain("PRIVATE KEY");
                });
    }

    @Test
    void aTokenDueForRenewalIsStillUsedWhileTheEndpointFails() throws Exception {
        List<UpstreamResponse> answers = new ArrayList<>(List.of(
                new UpstreamResponse(200, Map.of(), "{\"access_token\":\"ya29.old\",\"expires_in\":3600}".getBytes()),
                new UpstreamResponse(503, Map.of(), "unavailable".getBytes())));
        GoogleAccessTokens tokens = new GoogleAccessTokens((request, timeout) -> answers.remove(0), clock);

        tokens.token(account, null);
        clock.advance(Duration.ofMinutes(57));

        assertThat(tokens.token(account, null)).isEqualTo("ya29.old");
    }

    private GoogleAccessTokens.Exchange answering(int status, String body) {
        return (request, timeout) -> {
            calls.add(request);
            return new UpstreamResponse(status, Map.of(), body.getBytes(StandardCharsets.UTF_8));
        };
    }

    private static void await(CountDownLatch latch) throws TransportException {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            throw new TransportException(TransportException.Kind.CANCELLED, "interrupted", e);
        }
    }

    static RSAPrivateKey key() {
        try {
            String base64 = TestServiceAccount.privateKeyPem().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return (RSAPrivateKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
