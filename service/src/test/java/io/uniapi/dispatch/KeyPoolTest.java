package io.uniapi.dispatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.uniapi.UniApiConfiguration;
import io.uniapi.testing.Faults;
import io.uniapi.testing.FakeUpstream;
import io.uniapi.testing.OpenAiWire;
import io.uniapi.testing.TestClock;
import io.uniapi.testing.TestGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Upstream key pools: rotation, benching after failures, 429s and quota exhaustion, and per-key rate limits. */
@ExtendWith(DropwizardExtensionsSupport.class)
class KeyPoolTest {
    static final String K1 = "sk-upstream-key-one";
    static final String K2 = "sk-upstream-key-two";
    @RegisterExtension
    static final FakeUpstream UPSTREAM = FakeUpstream.start();
    static final TestClock CLOCK = new TestClock();
    static final DropwizardAppExtension<UniApiConfiguration> APP = TestGateway.app(TestGateway.writeConfig("""
            providers:
              - provider: rr
                base_url: %1$s/rr/v1/chat/completions
                api: [%2$s, %3$s]
                model: [m]
                preferences: {api_key_cooldown_period: 60}
              - provider: fixed
                base_url: %1$s/fixed/v1/chat/completions
                api: [%2$s, %3$s]
                model: [f]
                preferences: {api_key_schedule_algorithm: fixed_priority}
              - provider: limited
                base_url: %1$s/limited/v1/chat/completions
                api: [%2$s, %3$s]
                model: [l]
                preferences: {api_key_rate_limit: 1/min}
              - provider: tpr
                base_url: %1$s/tpr/v1/chat/completions
                api: %2$s
                model: [t]
                preferences: {api_key_rate_limit: {t: 100/tpr}}
            api_keys:
              - api: sk-client
            """.formatted(UPSTREAM.baseUrl(), K1, K2)), CLOCK);

    @BeforeEach
    void reset() {
        CLOCK.advance(Duration.ofDays(2));
        for (String p : new String[] {"rr", "fixed", "limited", "tpr"}) {
            UPSTREAM.on("POST /" + p + "/v1/chat/completions", OpenAiWire.answer("ok"));
        }
    }

    @Test
    void keysTakeTurnsByDefault() {
        for (int i = 0; i < 4; i++) {
            post("m");
        }

        assertThat(keysUsed("rr")).containsExactly(K1, K2, K1, K2);
    }

    @Test
    void fixedPriorityAlwaysStartsWithTheFirstKey() {
        for (int i = 0; i < 3; i++) {
            post("f");
        }

        assertThat(keysUsed("fixed")).containsExactly(K1, K1, K1);
    }

    @Test
    void aKeyThatFailedIsBenchedForTheKeyCooldownPeriodThenReturns() {
        alignCursorOn("rr", K1);
        UPSTREAM.on("POST /rr/v1/chat/completions", Faults.byKey(K1, Faults.status(500, "k1 broken"), OpenAiWire.answer("ok")));

        HttpResponse<String> first = post("m");
        UPSTREAM.on("POST /rr/v1/chat/completions", OpenAiWire.answer("ok"));
        post("m");
        post("m");
        CLOCK.advance(Duration.ofSeconds(61));
        post("m");
        post("m");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(keysUsed("rr")).containsExactly(K1, K2, K2, K2, K1, K2);
    }

    @Test
    void aRateLimitedKeyIsBenchedForTheRateLimitCooldownEvenWhenItAsksForLess() {
        UPSTREAM.on("POST /fixed/v1/chat/completions", Faults.byKey(K1, Faults.rateLimited(20), OpenAiWire.answer("ok")));

        post("f");
        UPSTREAM.on("POST /fixed/v1/chat/completions", OpenAiWire.answer("ok"));
        post("f");
        CLOCK.advance(Duration.ofSeconds(1799));
        post("f");
        CLOCK.advance(Duration.ofSeconds(2));
        post("f");

        assertThat(keysUsed("fixed")).containsExactly(K1, K2, K2, K2, K1);
    }

    @Test
    void aKeyWithoutQuotaIsBenchedForTheQuotaCooldown() {
        UPSTREAM.on("POST /fixed/v1/chat/completions", Faults.byKey(K1, Faults.quotaExhausted(), OpenAiWire.answer("ok")));

        post("f");
        UPSTREAM.on("POST /fixed/v1/chat/completions", OpenAiWire.answer("ok"));
        CLOCK.advance(Duration.ofHours(5));
        post("f");
        CLOCK.advance(Duration.ofHours(1).plusSeconds(1));
        post("f");

        assertThat(keysUsed("fixed")).containsExactly(K1, K2, K2, K1);
    }

    @Test
    void rateLimitedKeysAreSkippedAndWhenAllAreExhaustedTheClientGets429WithRetryAfter() throws Exception {
        HttpResponse<String> first = post("l");
        HttpResponse<String> second = post("l");
        HttpResponse<String> third = post("l");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(keysUsed("limited")).containsExactlyInAnyOrder(K1, K2);
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.headers().firstValue("Retry-After")).isPresent();
        assertThat(new ObjectMapper().readTree(third.body()).path("error").path("message").asText())
                .isEqualTo("All l error: All API keys are rate limited and stop auto retry!");
        assertThat(calls("limited")).isEqualTo(2);

        CLOCK.advance(Duration.ofSeconds(61));
        assertThat(post("l").statusCode()).isEqualTo(200);
    }

    @Test
    void aPromptLargerThanTheTokensPerRequestLimitIsRefusedWith413() {
        String big = "x".repeat(1000);

        HttpResponse<String> response = TestGateway.post(APP, "/v1/chat/completions", "sk-client",
                "{\"model\":\"t\",\"messages\":[{\"role\":\"user\",\"content\":\"" + big + "\"}]}");
        HttpResponse<String> small = post("t");

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("The request body is too long, No available providers at the moment: t");
        assertThat(small.statusCode()).isEqualTo(200);
        assertThat(calls("tpr")).isEqualTo(1);
    }

    /** Makes the round-robin cursor of {@code provider} point at {@code key} for the next request. */
    private void alignCursorOn(String provider, String key) {
        post("m");
        boolean nextIsOther = keysUsed(provider).get(0).equals(key);
        if (nextIsOther) {
            post("m");
        }
        UPSTREAM.reset();
    }

    private static HttpResponse<String> post(String model) {
        return TestGateway.post(APP, "/v1/chat/completions", "sk-client", FailoverTest.body(model, false));
    }

    private static List<String> keysUsed(String provider) {
        return UPSTREAM.requests("/" + provider + "/v1/chat/completions").stream()
                .map(r -> r.header("Authorization").substring("Bearer ".length())).toList();
    }

    private static int calls(String provider) {
        return UPSTREAM.requests("/" + provider + "/v1/chat/completions").size();
    }

}
