package io.uniapi.limits;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.uniapi.UniApiConfiguration;
import io.uniapi.testing.FakeUpstream;
import io.uniapi.testing.OpenAiWire;
import io.uniapi.testing.TestClock;
import io.uniapi.testing.TestGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Per client key rate limits: OpenAI's 429 and headers, several windows, per-model maps, and reloads. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ClientRateLimitTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final FakeUpstream UPSTREAM = FakeUpstream.start();
    static final TestClock CLOCK = new TestClock();
    static final String CONFIG = """
            providers:
              - provider: up
                base_url: %s/v1/chat/completions
                api: sk-upstream-0001
                model: [m, gemini-1.5-pro-latest, other]
            api_keys:
              - api: sk-two-per-minute
                preferences: {rate_limit: 2/min}
              - api: sk-per-model
                preferences:
                  rate_limit: {gemini-1.5-pro: 1/min, default: 100/min}
              - api: sk-daily
                preferences: {rate_limit: "15/min,2/day"}
              - api: sk-reloaded
                preferences: {rate_limit: %s}
              - api: sk-unlimited
            """;
    static final Path CONFIG_FILE = TestGateway.writeConfig(config("3/min"));
    static final DropwizardAppExtension<UniApiConfiguration> APP = TestGateway.app(CONFIG_FILE, CLOCK);

    static String config(String reloadedLimit) {
        return CONFIG.formatted(UPSTREAM.baseUrl(), reloadedLimit);
    }

    @BeforeEach
    void reset() {
        CLOCK.advance(Duration.ofDays(3));
        UPSTREAM.on("POST /v1/chat/completions", OpenAiWire.answer("ok"));
    }

    @Test
    void theThirdRequestWithinAMinuteIsRefusedWithOpenAisErrorAndRetryAfter() throws Exception {
        HttpResponse<String> first = post("sk-two-per-minute", "m");
        HttpResponse<String> second = post("sk-two-per-minute", "m");
        HttpResponse<String> third = post("sk-two-per-minute", "m");

        assertThat(first.headers().firstValue("x-ratelimit-limit-requests")).hasValue("2");
        assertThat(first.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("1");
        assertThat(second.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("0");
        assertThat(third.statusCode()).isEqualTo(429);
        JsonNode error = JSON.readTree(third.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(error.path("type").asText()).isEqualTo("requests");
        assertThat(third.headers().firstValue("Retry-After")).hasValue("30");
        assertThat(UPSTREAM.requests()).hasSize(2);

        CLOCK.advance(Duration.ofSeconds(30));
        assertThat(post("sk-two-per-minute", "m").statusCode()).isEqualTo(200);
    }

    @Test
    void aPerModelMapMatchesBySubstringAndFallsBackToDefault() {
        assertThat(post("sk-per-model", "gemini-1.5-pro-latest").statusCode()).isEqualTo(200);
        assertThat(post("sk-per-model", "gemini-1.5-pro-latest").statusCode()).isEqualTo(429);
        assertThat(post("sk-per-model", "other").statusCode()).isEqualTo(200);
        assertThat(post("sk-per-model", "other").statusCode()).isEqualTo(200);
    }

    @Test
    void everyWindowMustAllowTheRequest() {
        assertThat(post("sk-daily", "m").statusCode()).isEqualTo(200);
        assertThat(post("sk-daily", "m").statusCode()).isEqualTo(200);
        CLOCK.advance(Duration.ofMinutes(5));

        HttpResponse<String> third = post("sk-daily", "m");

        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(third.headers().firstValue("Retry-After").orElseThrow())).isGreaterThan(3600);
    }

    @Test
    void aKeyWithoutALimitGetsNoRateLimitHeaders() {
        HttpResponse<String> response = post("sk-unlimited", "m");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-ratelimit-limit-requests")).isEmpty();
    }

    @Test
    void aBucketKeepsItsTokensAcrossAReloadThatDoesNotChangeItsLimitAndIsReconfiguredWhenItDoes() throws Exception {
        post("sk-reloaded", "m");
        post("sk-reloaded", "m");

        reload(config("3/min") + "\n# an unrelated edit\n");
        HttpResponse<String> third = post("sk-reloaded", "m");
        HttpResponse<String> fourth = post("sk-reloaded", "m");
        reload(config("5/min"));
        HttpResponse<String> fifth = post("sk-reloaded", "m");
        HttpResponse<String> sixth = post("sk-reloaded", "m");
        HttpResponse<String> seventh = post("sk-reloaded", "m");

        assertThat(third.statusCode()).isEqualTo(200);
        assertThat(third.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("0");
        assertThat(fourth.statusCode()).isEqualTo(429);
        assertThat(fifth.statusCode()).isEqualTo(200);
        assertThat(fifth.headers().firstValue("x-ratelimit-limit-requests")).hasValue("5");
        assertThat(sixth.statusCode()).isEqualTo(200);
        assertThat(seventh.statusCode()).isEqualTo(429);
        reload(config("3/min"));
    }

    private static void reload(String yaml) throws Exception {
        Files.writeString(CONFIG_FILE, yaml);
        HttpResponse<String> response = TestGateway.send(HttpRequest.newBuilder(
                URI.create(TestGateway.adminUrl(APP) + "/tasks/reload-config")).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(response.statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> post(String key, String model) {
        return TestGateway.post(APP, "/v1/chat/completions", key,
                "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    }
}
