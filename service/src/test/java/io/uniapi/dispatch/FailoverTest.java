package io.uniapi.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
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

import static org.assertj.core.api.Assertions.assertThat;

/** Failover between channels, the retry budget, channel cooldowns and the 403/404 circuit, over real HTTP. */
@ExtendWith(DropwizardExtensionsSupport.class)
class FailoverTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final FakeUpstream UPSTREAM = FakeUpstream.start();
    static final TestClock CLOCK = new TestClock();
    static final DropwizardAppExtension<UniApiConfiguration> APP = TestGateway.app(TestGateway.writeConfig("""
            providers:
              - provider: a
                base_url: %1$s/a/v1/chat/completions
                api: sk-upstream-a-0001
                model:
                  - up-a: m
              - provider: b
                base_url: %1$s/b/v1/chat/completions
                api: sk-upstream-b-0001
                model: [m]
              - provider: c
                base_url: %1$s/c/v1/chat/completions
                api: sk-upstream-c-0001
                model: [m]
                preferences: {cooldown_period: 0}
              - provider: s
                base_url: %1$s/s/v1/chat/completions
                api: sk-upstream-s-0001
                model: [solo]
            api_keys:
              - api: sk-ab
                model: [a/*, b/*]
              - api: sk-ab-no-retry
                model: [a/*, b/*]
                preferences: {AUTO_RETRY: false}
              - api: sk-cb
                model: [c/*, b/*]
              - api: sk-solo
                model: [s/*]
              - api: sk-solo-two
                model: [s/*]
                preferences: {AUTO_RETRY: 2}
            preferences:
              cooldown_period: 300
            """.formatted(UPSTREAM.baseUrl())), CLOCK);

    @BeforeEach
    void reset() {
        CLOCK.advance(Duration.ofHours(1));
        for (String p : new String[] {"a", "b", "c", "s"}) {
            UPSTREAM.on("POST /" + p + "/v1/chat/completions", OpenAiWire.answer("from " + p));
        }
    }

    @Test
    void aFailingChannelIsSkippedInvisibly() {
        UPSTREAM.on("POST /a/v1/chat/completions", Faults.status(500, "boom"));

        ChatCompletion completion = chat("sk-ab");

        assertThat(completion.choices().get(0).message().content()).contains("from b");
        assertThat(calls("a")).isEqualTo(1);
        assertThat(calls("b")).isEqualTo(1);
    }

    @Test
    void withoutAutoRetryTheClientGetsTheUpstreamsOwnError() throws Exception {
        UPSTREAM.on("POST /a/v1/chat/completions", Faults.status(500, "a is down"));

        HttpResponse<String> response = post("sk-ab-no-retry");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(JSON.readTree(response.body()).path("error").path("message").asText()).isEqualTo("a is down");
        assertThat(calls("b")).isZero();
    }

    @Test
    void aBadRequestGoesBackAtOnceAndCoolsNothingDown() throws Exception {
        UPSTREAM.on("POST /a/v1/chat/completions", Faults.sequence(Faults.status(400, "bad"), OpenAiWire.answer("a ok")));

        HttpResponse<String> first = post("sk-ab");
        HttpResponse<String> second = post("sk-ab");

        assertThat(first.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(first.body()).path("error");
        assertThat(error.path("message").asText()).isEqualTo("bad");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(calls("b")).isZero();
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).contains("a ok");
    }

    @Test
    void whenEveryCandidateFailsTheClientGetsTheLastStatusAndError() throws Exception {
        UPSTREAM.on("POST /a/v1/chat/completions", Faults.status(503, "a overloaded"));
        UPSTREAM.on("POST /b/v1/chat/completions", Faults.status(503, "b overloaded"));

        HttpResponse<String> response = post("sk-ab");

        assertThat(response.statusCode()).isEqualTo(503);
        String message = JSON.readTree(response.body()).path("error").path("message").asText();
        assertThat(message).contains("'m'").contains("b overloaded");
    }

    @Test
    void aSingleChannelWithOneKeyIsTriedThreeTimes() {
        UPSTREAM.on("POST /s/v1/chat/completions", Faults.status(500, "always"));

        HttpResponse<String> response = TestGateway.post(APP, "/v1/chat/completions", "sk-solo", body("solo", false));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("All attempts for model 'solo' failed");
        assertThat(calls("s")).isEqualTo(3);
    }

    @Test
    void autoRetryAsANumberCapsTheAttempts() {
        UPSTREAM.on("POST /s/v1/chat/completions", Faults.status(500, "always"));

        TestGateway.post(APP, "/v1/chat/completions", "sk-solo-two", body("solo", false));

        assertThat(calls("s")).isEqualTo(2);
    }

    @Test
    void aFailedChannelCoolsDownForEveryKeyEvenUnderARenamedModelAndComesBackByItself() throws Exception {
        UPSTREAM.on("POST /a/v1/chat/completions", Faults.sequence(Faults.status(500, "boom"), OpenAiWire.answer("a back")));

        chat("sk-ab");
        UPSTREAM.reset();
        HttpResponse<String> during = post("sk-ab-no-retry");
        CLOCK.advance(Duration.ofSeconds(301));
        HttpResponse<String> after = post("sk-ab");

        assertThat(during.statusCode()).isEqualTo(200);
        assertThat(during.body()).contains("from b");
        assertThat(after.body()).contains("a back");
        assertThat(calls("a")).isEqualTo(1);
    }

    @Test
    void aZeroCooldownPeriodKeepsTheChannelInRotation() {
        UPSTREAM.on("POST /c/v1/chat/completions", Faults.sequence(Faults.status(500, "boom"), OpenAiWire.answer("c back")));

        chat("sk-cb");
        ChatCompletion second = chat("sk-cb");

        assertThat(second.choices().get(0).message().content()).contains("c back");
    }

    @Test
    void repeated404sOpenTheRouteCircuitEvenForASingleCandidate() throws Exception {
        UPSTREAM.on("POST /s/v1/chat/completions", Faults.status(404, "no such model"));

        HttpResponse<String> first = TestGateway.post(APP, "/v1/chat/completions", "sk-solo", body("solo", false));
        UPSTREAM.reset();
        HttpResponse<String> second = TestGateway.post(APP, "/v1/chat/completions", "sk-solo", body("solo", false));
        CLOCK.advance(Duration.ofSeconds(301));
        UPSTREAM.on("POST /s/v1/chat/completions", OpenAiWire.answer("found"));
        HttpResponse<String> third = TestGateway.post(APP, "/v1/chat/completions", "sk-solo", body("solo", false));

        assertThat(first.statusCode()).isEqualTo(404);
        assertThat(second.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(second.body()).path("error").path("message").asText())
                .isEqualTo("No available providers at the moment: solo");
        assertThat(third.statusCode()).isEqualTo(200);
        assertThat(calls("s")).isEqualTo(1);
    }

    @Test
    void aResetConnectionFailsOver() {
        UPSTREAM.on("POST /a/v1/chat/completions", Faults.reset());

        assertThat(chat("sk-ab").choices().get(0).message().content()).contains("from b");
    }

    @Test
    void theAdminPortShowsAttemptsFailuresRetriesAndCooldowns() throws Exception {
        UPSTREAM.on("POST /a/v1/chat/completions", Faults.status(502, "bad gateway"));

        chat("sk-ab");

        JsonNode metrics = JSON.readTree(TestGateway.get(TestGateway.adminUrl(APP) + "/metrics", null).body());
        assertThat(metrics.path("meters").path("uniapi.upstream.a.failures.upstream_5xx").path("count").asLong()).isPositive();
        assertThat(metrics.path("meters").path("uniapi.upstream.a.retries").path("count").asLong()).isPositive();
        assertThat(metrics.path("timers").path("uniapi.upstream.b.attempts").path("count").asLong()).isPositive();
        assertThat(metrics.path("gauges").path("uniapi.upstream.a.cooldowns.active").path("value").asInt()).isEqualTo(1);
    }

    private static ChatCompletion chat(String key) {
        OpenAIClient client = TestGateway.openAi(APP, key);
        return client.chat().completions().create(ChatCompletionCreateParams.builder().model("m").addUserMessage("hi").build());
    }

    private static HttpResponse<String> post(String key) {
        return TestGateway.post(APP, "/v1/chat/completions", key, body("m", false));
    }

    static String body(String model, boolean stream) {
        return "{\"model\":\"" + model + "\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    }

    private static int calls(String provider) {
        return UPSTREAM.requests("/" + provider + "/v1/chat/completions").size();
    }
}
