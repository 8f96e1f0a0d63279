package io.uniapi.dispatch;

import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
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
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Answers that count as failures (error triggers, empty answers, error events), streaming failover before commit,
 * post-commit failures, timeouts and keepalives — all through real HTTP against fault-injecting upstreams.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class StreamingFailoverTest {
    @RegisterExtension
    static final FakeUpstream UPSTREAM = FakeUpstream.start();
    static final TestClock CLOCK = new TestClock();
    static final DropwizardAppExtension<UniApiConfiguration> APP = TestGateway.app(TestGateway.writeConfig("""
            providers:
              - provider: a
                base_url: %1$s/a/v1/chat/completions
                api: sk-upstream-a-0001
                model: [m, slow]
                preferences:
                  model_timeout: {slow: 1, default: 30}
              - provider: b
                base_url: %1$s/b/v1/chat/completions
                api: sk-upstream-b-0001
                model: [m, slow, ka]
              - provider: k
                base_url: %1$s/k/v1/chat/completions
                api: sk-upstream-k-0001
                model: [ka]
                preferences:
                  keepalive_interval: {ka: 1}
                  model_timeout: 30
            api_keys:
              - api: sk-client
                model: [a/*, k/*, b/*]
              - api: sk-only-k
                model: [k/*]
            preferences:
              error_triggers: ["usage is covered"]
              cooldown_period: 0
            """.formatted(UPSTREAM.baseUrl())), CLOCK);

    @BeforeEach
    void reset() {
        UPSTREAM.on("POST /a/v1/chat/completions", stream("from a"));
        UPSTREAM.on("POST /b/v1/chat/completions", stream("from b"));
        UPSTREAM.on("POST /k/v1/chat/completions", stream("from k"));
    }

    @Test
    void anErrorTriggerInTheFirstChunkFailsOver() {
        UPSTREAM.on("POST /a/v1/chat/completions", Faults.streamSaying("m", "The bot's usage is covered by the developer"));

        assertThat(streamText("m")).isEqualTo("from b");
        assertThat(calls("a")).isEqualTo(1);
    }

    @Test
    void anErrorTriggerInANonStreamedAnswerFailsOver() {
        UPSTREAM.on("POST /a/v1/chat/completions", OpenAiWire.answer("usage is covered by the developer"));
        UPSTREAM.on("POST /b/v1/chat/completions", OpenAiWire.answer("from b"));

        HttpResponse<String> response = TestGateway.post(APP, "/v1/chat/completions", "sk-client", FailoverTest.body("m", false));

        assertThat(response.body()).contains("from b");
    }

    @Test
    void anEmptyNonStreamedAnswerFailsOver() {
        UPSTREAM.on("POST /a/v1/chat/completions", Faults.emptyAnswer());
        UPSTREAM.on("POST /b/v1/chat/completions", OpenAiWire.answer("from b"));

        HttpResponse<String> response = TestGateway.post(APP, "/v1/chat/completions", "sk-client", FailoverTest.body("m", false));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("from b");
    }

    @Test
    void anEmptyStreamFailsOver() {
        UPSTREAM.on("POST /a/v1/chat/completions", Faults.emptyStream("m"));

        assertThat(streamText("m")).isEqualTo("from b");
    }

    @Test
    void anEmptyStreamIsAcceptedWhenTheClientPrefilledTheAnswer() {
        UPSTREAM.on("POST /a/v1/chat/completions", Faults.emptyStream("m"));

        HttpResponse<String> response = TestGateway.post(APP, "/v1/chat/completions", "sk-client", """
                {"model":"m","stream":true,"messages":[{"role":"user","content":"hi"},
                {"role":"assistant","content":"The answer is"}]}""");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"finish_reason\":\"stop\"").contains("data: [DONE]");
        assertThat(calls("b")).isZero();
    }

    @Test
    void aFirstEventThatIsAnErrorFailsOver() {
        UPSTREAM.on("POST /a/v1/chat/completions", Faults.streamError("overloaded"));

        assertThat(streamText("m")).isEqualTo("from b");
    }

    @Test
    void aStreamCutBeforeItsFirstContentFailsOver() {
        UPSTREAM.on("POST /a/v1/chat/completions", Faults.cutStream("m"));

        assertThat(streamText("m")).isEqualTo("from b");
    }

    @Test
    void aSilentUpstreamTimesOutAfterItsModelTimeoutAndTheNextChannelAnswers() {
        UPSTREAM.on("POST /a/v1/chat/completions", Faults.slowFirstByte(2500, stream("too late")));

        long started = System.nanoTime();
        String text = streamText("slow");
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(text).isEqualTo("from b");
        assertThat(millis).isBetween(900L, 2400L);
    }

    @Test
    void theTimeoutIsTheLongestSilenceSoAStallAfterCommitEndsWithOneErrorEvent() {
        UPSTREAM.on("POST /a/v1/chat/completions", Faults.stallMidStream("slow", 2500, "partial"));

        HttpResponse<String> response = TestGateway.post(APP, "/v1/chat/completions", "sk-client", FailoverTest.body("slow", true));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("partial").contains("timed out after 1 seconds").doesNotContain("[DONE]");
        assertThat(countOf(response.body(), "\"error\"")).isEqualTo(1);
        assertThat(calls("b")).isZero();
    }

    @Test
    void aStreamCutAfterCommitEndsWithOneErrorEventThatTheSdkRaises() {
        UPSTREAM.on("POST /a/v1/chat/completions", Faults.cutStream("m", "half an"));
        OpenAIClient client = TestGateway.openAi(APP, "sk-client");
        List<String> seen = new ArrayList<>();

        assertThatThrownBy(() -> {
            try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                    ChatCompletionCreateParams.builder().model("m").addUserMessage("hi").build())) {
                stream.stream().forEach(chunk -> chunk.choices().forEach(c -> c.delta().content().ifPresent(seen::add)));
            }
        }).hasMessageContaining("Upstream stream failed");
        assertThat(String.join("", seen)).isEqualTo("half an");
        assertThat(calls("b")).isZero();
    }

    @Test
    void keepalivesGoOutWhileTheFirstTokenIsAwaited() {
        UPSTREAM.on("POST /k/v1/chat/completions", Faults.slowFirstByte(3200, stream("late but fine")));

        HttpResponse<String> response = TestGateway.post(APP, "/v1/chat/completions", "sk-only-k", FailoverTest.body("ka", true));

        assertThat(response.statusCode()).isEqualTo(200);
        String body = response.body();
        int firstData = body.indexOf("data:");
        assertThat(countOf(body.substring(0, firstData), ": keepalive\n\n")).isGreaterThanOrEqualTo(2);
        assertThat(body).contains("late but fine").endsWith("data: [DONE]\n\n");
    }

    @Test
    void failoverStillHappensInvisiblyAfterKeepalivesWereSent() {
        UPSTREAM.on("POST /k/v1/chat/completions", Faults.slowFirstByte(2300, Faults.status(500, "k broke")));

        HttpResponse<String> response = TestGateway.post(APP, "/v1/chat/completions", "sk-client", """
                {"model":"ka","stream":true,"messages":[{"role":"user","content":"hi"}]}""");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith(": keepalive\n\n").contains("from b").endsWith("data: [DONE]\n\n")
                .doesNotContain("k broke");
    }

    @Test
    void whenEveryAttemptFailsAfterKeepalivesTheClientGetsOneInBandError() {
        UPSTREAM.on("POST /k/v1/chat/completions", Faults.slowFirstByte(1500, Faults.status(503, "k unavailable")));

        HttpResponse<String> response = TestGateway.post(APP, "/v1/chat/completions", "sk-only-k", FailoverTest.body("ka", true));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith(": keepalive").contains("k unavailable").doesNotContain("[DONE]");
        assertThat(countOf(response.body(), "data:")).isEqualTo(1);
    }

    private static FakeUpstream.Responder stream(String text) {
        return (request, exchange) -> {
            if (request.json().path("stream").asBoolean(false)) {
                OpenAiWire.stream(request.json().path("model").asText(), 0, text).respond(request, exchange);
            } else {
                OpenAiWire.answer(text).respond(request, exchange);
            }
        };
    }

    private static String streamText(String model) {
        OpenAIClient client = TestGateway.openAi(APP, "sk-client");
        StringBuilder text = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model(model).addUserMessage("hi").build())) {
            stream.stream().forEach(chunk -> chunk.choices().forEach(c -> c.delta().content().ifPresent(text::append)));
        }
        return text.toString();
    }

    private static int calls(String provider) {
        return UPSTREAM.requests("/" + provider + "/v1/chat/completions").size();
    }

    private static int countOf(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            count++;
        }
        return count;
    }
}
