package io.uniapi.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.uniapi.UniApiConfiguration;
import io.uniapi.testing.FakeUpstream;
import io.uniapi.testing.LogCapture;
import io.uniapi.testing.OpenAiErrors;
import io.uniapi.testing.OpenAiWire;
import io.uniapi.testing.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failed attempt moves to the next candidate before anything reaches the client (5xx, 429, connection refused,
 * a stream that breaks before its first content); a request the upstream calls invalid (400) is answered at once.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class FoundationFailoverTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SECRETS = List.of("sk-upstream-first-secret", "sk-upstream-second-secret",
            "sk-upstream-dead-secret", "sk-client-failover", "sk-client-single", "sk-client-dead", "sk-client-no-retry",
            "sk-client-single-once");
    static final FakeUpstream FIRST = FakeUpstream.start();
    static final FakeUpstream SECOND = FakeUpstream.start();
    static final DropwizardAppExtension<UniApiConfiguration> APP = TestGateway.app(TestGateway.writeConfig("""
            providers:
              - provider: first
                base_url: %s
                api: sk-upstream-first-secret
                model: [m]
              - provider: second
                base_url: %s
                api: sk-upstream-second-secret
                model: [m]
              - provider: dead
                base_url: http://127.0.0.1:%d/v1/chat/completions
                api: sk-upstream-dead-secret
                model: [m]
              - provider: misproxied
                base_url: %s
                api: sk-upstream-first-secret
                model: [m]
                preferences:
                  proxy: socks5://[user]:[password]@[ip]:[port]
            api_keys:
              - api: sk-client-failover
                model: [first/*, second/*]
              - api: sk-client-single
                model: [first/*]
              - api: sk-client-single-once   # one attempt: the upstream's own error is the answer
                model: [first/*]
                preferences:
                  AUTO_RETRY: false
              - api: sk-client-dead
                model: [dead/*, second/*]
              - api: sk-client-dead-only
                model: [dead/*]
              - api: sk-client-misproxied
                model: [misproxied/*]
              - api: sk-client-no-retry
                model: [first/*, second/*]
                preferences:
                  AUTO_RETRY: false
            preferences:
              cooldown_period: 0   # failover, not cooldown, is under test: every test starts with healthy channels
            """.formatted(FIRST.url("/v1/chat/completions"), SECOND.url("/v1/chat/completions"), closedPort(),
                    FIRST.url("/v1/chat/completions"))));

    private static LogCapture logs;

    @BeforeAll
    static void captureLogs() {
        logs = LogCapture.all();
    }

    @AfterAll
    static void stop() throws Exception {
        FIRST.close();
        SECOND.close();
        logs.closeAssertingNoneOf(SECRETS);
    }

    @BeforeEach
    void reset() {
        FIRST.reset();
        SECOND.reset();
        SECOND.on("POST /v1/chat/completions", OpenAiWire.answerOrStream("from second"));
    }

    @ParameterizedTest(name = "upstream status {0}")
    @ValueSource(ints = {500, 502, 503, 429, 401, 403, 404})
    void aFailingFirstChannelIsReplacedByTheNextBeforeTheClientSeesAnything(int status) throws Exception {
        FIRST.on("POST /v1/chat/completions", (request, exchange) ->
                exchange.json(status, OpenAiWire.error("first is failing", "server_error", null)));

        HttpResponse<String> response = chat("sk-client-failover", false);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(content(response)).isEqualTo("from second");
        assertThat(FIRST.requests()).hasSize(1);
        assertThat(SECOND.requests()).hasSize(1);
    }

    @Test
    void aStreamFailsOverTooAndTheClientOnlySeesTheStreamThatWorked() {
        FIRST.on("POST /v1/chat/completions", (request, exchange) ->
                exchange.json(503, OpenAiWire.error("overloaded", "server_error", null)));

        StringBuilder text = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream = TestGateway.openAi(APP, "sk-client-failover").chat().completions()
                .createStreaming(ChatCompletionCreateParams.builder().model("m").addUserMessage("hi").build())) {
            stream.stream().forEach(chunk -> chunk.choices().forEach(c -> c.delta().content().ifPresent(text::append)));
        }

        assertThat(text.toString()).isEqualTo("from second");
        assertThat(FIRST.requests()).hasSize(1);
    }

    @Test
    void aStreamThatBreaksBeforeItsFirstContentFailsOver() {
        FIRST.on("POST /v1/chat/completions", (request, exchange) -> {
            exchange.startSse();
            exchange.event(OpenAiWire.roleChunk("m"));
            exchange.cut();
        });

        HttpResponse<String> response = chat("sk-client-failover", true);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("from second").endsWith("data: [DONE]\n\n").doesNotContain("\"error\"");
        assertThat(FIRST.requests()).hasSize(1);
    }

    @Test
    void aRefusedConnectionFailsOverToTheNextChannel() throws Exception {
        HttpResponse<String> response = chat("sk-client-dead", false);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(content(response)).isEqualTo("from second");
    }

    @Test
    void aBadRequestIsAnsweredAtOnceWithTheUpstreamsOwnErrorAndNotRetried() {
        FIRST.on("POST /v1/chat/completions", (request, exchange) -> exchange.json(400,
                OpenAiWire.error("Invalid value for 'temperature'", "invalid_request_error", "invalid_value")));

        JsonNode error = OpenAiErrors.assertError(chat("sk-client-failover", false), 400);

        assertThat(error.path("message").asText()).isEqualTo("Invalid value for 'temperature'");
        assertThat(error.path("code").asText()).isEqualTo("invalid_value");
        assertThat(SECOND.requests()).isEmpty();
    }

    @Test
    void withAutoRetryOffTheFirstFailureIsTheAnswer() {
        FIRST.on("POST /v1/chat/completions", (request, exchange) ->
                exchange.json(500, OpenAiWire.error("boom", "server_error", null)));

        OpenAiErrors.assertError(chat("sk-client-no-retry", false), 500);

        assertThat(SECOND.requests()).isEmpty();
    }

    @Test
    void aSingleChannelFailureIsRelayedWithItsStatusAndTheUpstreamsErrorObject() {
        FIRST.on("POST /v1/chat/completions", (request, exchange) ->
                exchange.json(502, OpenAiWire.error("bad gateway upstream", "server_error", "upstream_down")));

        JsonNode error = OpenAiErrors.assertError(chat("sk-client-single-once", false), 502);

        assertThat(error.path("message").asText()).isEqualTo("bad gateway upstream");
        assertThat(error.path("code").asText()).isEqualTo("upstream_down");
    }

    @Test
    void whenEveryChannelFailsTheClientGetsTheLastStatusAndASummary() {
        FIRST.on("POST /v1/chat/completions", (request, exchange) -> exchange.json(502, "{\"error\":\"first down\"}"));
        SECOND.on("POST /v1/chat/completions", (request, exchange) -> exchange.text(503, "text/plain", "second down"));

        JsonNode error = OpenAiErrors.assertError(chat("sk-client-failover", false), 503);

        assertThat(error.path("type").asText()).isEqualTo("upstream_error");
        assertThat(error.path("code").asText()).isEqualTo("upstream_failed");
        assertThat(error.path("message").asText()).contains("All attempts for model 'm' failed").contains("second down");
    }

    @Test
    void anUnreachableUpstreamIsA503InOpenAisShape() {
        JsonNode error = OpenAiErrors.assertError(chat("sk-client-dead-only", false), 503);

        assertThat(error.path("type").asText()).isEqualTo("upstream_error");
        assertThat(error.path("message").asText()).contains("provider 'dead'").contains("Unable to connect");
    }

    @Test
    void aChannelWhoseProxyIsNotAUrlFailsInsteadOfBypassingTheProxy() {
        FIRST.on("POST /v1/chat/completions", OpenAiWire.answer("must not be reached directly"));

        JsonNode error = OpenAiErrors.assertError(chat("sk-client-misproxied", false), 503);

        assertThat(error.path("message").asText()).contains("invalid proxy").doesNotContain("password");
        assertThat(FIRST.requests()).isEmpty();
    }

    @Test
    void anUpstreamErrorThatEchoesTheUpstreamKeyReachesTheClientRedacted() {
        FIRST.on("POST /v1/chat/completions", (request, exchange) -> exchange.json(401, """
                {"error":{"message":"Incorrect API key provided: sk-upstream-first-secret.","type":"invalid_request_error",\
                "param":"sk-upstream-first-secret","code":"invalid_api_key","details":{"key":"sk-upstream-first-secret"}}}"""));

        HttpResponse<String> response = chat("sk-client-single-once", false);

        JsonNode error = OpenAiErrors.assertError(response, 401);
        assertThat(error.path("code").asText()).isEqualTo("invalid_api_key");
        assertThat(error.path("message").asText()).startsWith("Incorrect API key provided: sk-u");
        SECRETS.forEach(secret -> assertThat(response.body()).doesNotContain(secret));
    }

    @Test
    void aPlainTextUpstreamErrorThatEchoesTheClientKeyReachesTheClientRedacted() {
        FIRST.on("POST /v1/chat/completions", (request, exchange) -> exchange.text(500, "text/plain",
                "proxy error: caller sk-client-single-once is not allowed (upstream key sk-upstream-first-secret)"));

        HttpResponse<String> response = chat("sk-client-single-once", false);

        JsonNode error = OpenAiErrors.assertError(response, 500);
        assertThat(error.path("message").asText()).startsWith("proxy error: caller ");
        SECRETS.forEach(secret -> assertThat(response.body()).doesNotContain(secret));
    }

    private static HttpResponse<String> chat(String key, boolean stream) {
        return TestGateway.post(APP, "/v1/chat/completions", key, TestGateway.chatBody("m", stream));
    }

    private static String content(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body()).path("choices").get(0).path("message").path("content").asText();
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
