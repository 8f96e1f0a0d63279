package io.uniapi.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.errors.UnauthorizedException;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Authentication, bad requests and their OpenAI-shaped errors, /healthz, and what the admin port shows. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ErrorsAndOpsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SECRETS = List.of("sk-upstream-errors-secret", "sk-client-errors-key");
    static final FakeUpstream UPSTREAM = FakeUpstream.start()
            .on("POST /v1/chat/completions", OpenAiWire.answerOrStream("ok"));
    static final DropwizardAppExtension<UniApiConfiguration> APP = TestGateway.app(TestGateway.writeConfig("""
            providers:
              - provider: up
                base_url: %s
                api: sk-upstream-errors-secret
                model: [allowed-model, other-model]
            api_keys:
              - api: sk-client-errors-key
                model: [up/allowed-model]
            preferences:
              max_request_body_bytes: 2KiB
            """.formatted(UPSTREAM.url("/v1/chat/completions"))));

    private static LogCapture logs;

    @BeforeAll
    static void captureLogs() {
        logs = LogCapture.all();
    }

    @AfterAll
    static void stop() throws Exception {
        UPSTREAM.close();
        logs.closeAssertingNoneOf(SECRETS);
    }

    @Test
    void theKeyIsAcceptedAsBearerTokenAndAsXApiKey() {
        assertThat(send(chat("allowed-model").header("Authorization", "Bearer sk-client-errors-key")).statusCode())
                .isEqualTo(200);
        assertThat(send(chat("allowed-model").header("x-api-key", "sk-client-errors-key")).statusCode())
                .isEqualTo(200);
        assertThat(send(chat("allowed-model").header("Authorization", "bearer sk-client-errors-key")).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aMissingOrUnknownKeyIs401() {
        JsonNode missing = OpenAiErrors.assertError(send(chat("allowed-model")), 401);
        JsonNode unknown = OpenAiErrors.assertError(send(chat("allowed-model").header("Authorization", "Bearer sk-nope")), 401);
        JsonNode unknownXApiKey = OpenAiErrors.assertError(send(chat("allowed-model").header("x-api-key", "sk-nope")), 401);

        assertThat(missing.path("code").asText()).isEqualTo("invalid_api_key");
        assertThat(missing.path("message").asText()).contains("Authorization: Bearer").contains("x-api-key");
        assertThat(unknown.path("message").asText()).isEqualTo("Invalid API key.").doesNotContain("sk-nope");
        assertThat(unknownXApiKey.path("code").asText()).isEqualTo("invalid_api_key");
        assertThat(TestGateway.get(TestGateway.baseUrl(APP) + "/v1/models", null).statusCode()).isEqualTo(401);
        assertThatThrownBy(() -> TestGateway.openAi(APP, "sk-wrong").chat().completions().create(
                ChatCompletionCreateParams.builder().model("allowed-model").addUserMessage("hi").build()))
                .isInstanceOf(UnauthorizedException.class);
    }

    @Test
    void anUnknownModelAndAModelTheKeyMayNotUseAreTheSame404() {
        JsonNode unknown = OpenAiErrors.assertError(post(TestGateway.chatBody("no-such-model", false)), 404);
        JsonNode forbidden = OpenAiErrors.assertError(post(TestGateway.chatBody("other-model", false)), 404);

        assertThat(unknown.path("code").asText()).isEqualTo("model_not_found");
        assertThat(unknown.path("param").asText()).isEqualTo("model");
        assertThat(forbidden.path("message").asText())
                .isEqualTo(unknown.path("message").asText().replace("no-such-model", "other-model"));
        assertThatThrownBy(() -> TestGateway.openAi(APP, "sk-client-errors-key").chat().completions().create(
                ChatCompletionCreateParams.builder().model("other-model").addUserMessage("hi").build()))
                .isInstanceOf(NotFoundException.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "not JSON              | {\"model\": \"allowed-model\",                        | invalid_json              |",
            "empty body            |                                                      | invalid_json              |",
            "JSON but not object   | [1, 2]                                               | invalid_json              |",
            "missing model         | {\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]} | missing_required_parameter | model",
            "model not a string    | {\"model\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]} | invalid_type | model",
            "missing messages      | {\"model\":\"allowed-model\"}                          | missing_required_parameter | messages",
            "messages not a list   | {\"model\":\"allowed-model\",\"messages\":\"hi\"}         | invalid_value             | messages",
            "message without role  | {\"model\":\"allowed-model\",\"messages\":[{\"content\":\"hi\"}]} | invalid_value | messages[0]",
            "stream not a boolean  | {\"model\":\"allowed-model\",\"stream\":\"yes\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]} | invalid_type | stream",
    })
    void aBadBodyIs400WithTheCodeAndParamAtFault(String kind, String body, String code, String param) {
        JsonNode error = OpenAiErrors.assertError(post(body == null ? "" : body), 400);

        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("code").asText()).isEqualTo(code);
        if (param != null) {
            assertThat(error.path("param").asText()).isEqualTo(param);
        }
        assertThat(UPSTREAM.requests()).noneMatch(r -> r.body().equals(body));
    }

    @Test
    void theSdkSeesABadRequestAsBadRequestException() {
        assertThatThrownBy(() -> TestGateway.openAi(APP, "sk-client-errors-key").chat().completions().create(
                ChatCompletionCreateParams.builder().model("allowed-model").messages(List.of()).build()))
                .isInstanceOf(BadRequestException.class);
    }

    @Test
    void aBodyOverTheConfiguredLimitIs413WithOrWithoutContentLength() {
        String big = "{\"model\":\"allowed-model\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(3000) + "\"}]}";

        JsonNode declared = OpenAiErrors.assertError(post(big), 413);
        JsonNode chunked = OpenAiErrors.assertError(send(HttpRequest.newBuilder(URI.create(TestGateway.baseUrl(APP)
                        + "/v1/chat/completions")).header("Authorization", "Bearer sk-client-errors-key")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big.getBytes())))), 413);

        assertThat(declared.path("code").asText()).isEqualTo("request_too_large");
        assertThat(declared.path("message").asText()).contains("2048 bytes").contains("max_request_body_bytes");
        assertThat(chunked.path("code").asText()).isEqualTo("request_too_large");
        assertThat(post(TestGateway.chatBody("allowed-model", false)).statusCode()).isEqualTo(200);
    }

    @Test
    void unknownUrlsAndMethodsAreOpenAiShapedToo() {
        JsonNode unknownUrl = OpenAiErrors.assertError(TestGateway.get(TestGateway.baseUrl(APP) + "/v1/nothing-here",
                "sk-client-errors-key"), 404);
        JsonNode wrongMethod = OpenAiErrors.assertError(TestGateway.get(TestGateway.baseUrl(APP) + "/v1/chat/completions",
                "sk-client-errors-key"), 405);

        assertThat(unknownUrl.path("code").asText()).isEqualTo("unknown_url");
        assertThat(wrongMethod.path("code").asText()).isEqualTo("method_not_allowed");
    }

    @Test
    void everyAnswerCarriesARequestIdAndACallersOwnIdIsKept() {
        HttpResponse<String> error = send(chat("allowed-model").header("x-request-id", "caller-id-123"));

        assertThat(error.headers().firstValue("x-request-id")).hasValue("caller-id-123");
        assertThat(post(TestGateway.chatBody("allowed-model", false)).headers().firstValue("x-request-id"))
                .hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f]{32}"));
    }

    @Test
    void healthzAnswersWithoutAKey() throws Exception {
        HttpResponse<String> get = TestGateway.get(TestGateway.baseUrl(APP) + "/healthz", null);
        HttpResponse<String> head = send(HttpRequest.newBuilder(URI.create(TestGateway.baseUrl(APP) + "/healthz"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));

        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(get.body()).path("status").asText()).isEqualTo("ok");
        assertThat(head.statusCode()).isEqualTo(200);
    }

    @Test
    void theAdminPortShowsTheDocumentedMetricsAndNoSecretInAnyName() throws Exception {
        post(TestGateway.chatBody("allowed-model", false));
        TestGateway.post(APP, "/v1/chat/completions", "sk-client-errors-key", TestGateway.chatBody("allowed-model", true));
        send(chat("allowed-model"));

        String metrics = TestGateway.adminGet(APP, "/metrics").body();
        JsonNode json = JSON.readTree(metrics);
        List<String> names = new ArrayList<>();
        json.fields().forEachRemaining(kind -> kind.getValue().fieldNames().forEachRemaining(names::add));

        assertThat(json.path("timers").path("uniapi.requests").path("count").asLong()).isPositive();
        assertThat(json.path("timers").path("uniapi.requests.ttfb").path("count").asLong()).isPositive();
        assertThat(json.path("timers").path("uniapi.upstream.up.attempts").path("count").asLong()).isPositive();
        assertThat(json.path("meters").path("uniapi.requests.status.2xx").path("count").asLong()).isPositive();
        assertThat(json.path("meters").path("uniapi.requests.status.4xx").path("count").asLong()).isPositive();
        assertThat(json.path("meters").path("uniapi.requests.errors.authentication").path("count").asLong()).isPositive();
        assertThat(json.path("meters").has("uniapi.config.reloads")).isTrue();
        assertThat(json.path("counters").path("uniapi.streams.inflight").path("count").asLong()).isZero();
        SECRETS.forEach(secret -> assertThat(metrics).doesNotContain(secret));
        assertThat(names).allSatisfy(name -> assertThat(name).doesNotContain("sk-"));
    }

    @Test
    void theConfigHealthCheckIsHealthyAndNamesTheSource() throws Exception {
        HttpResponse<String> health = TestGateway.adminGet(APP, "/healthcheck");

        JsonNode config = JSON.readTree(health.body()).path("config");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(config.path("healthy").asBoolean()).isTrue();
        assertThat(config.path("version").asLong()).isEqualTo(1);
        assertThat(config.path("source").asText()).endsWith("api.yaml");
    }

    private static HttpRequest.Builder chat(String model) {
        return HttpRequest.newBuilder(URI.create(TestGateway.baseUrl(APP) + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(TestGateway.chatBody(model, false)));
    }

    private static HttpResponse<String> post(String body) {
        return TestGateway.post(APP, "/v1/chat/completions", "sk-client-errors-key", body);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        return TestGateway.send(request.build());
    }
}
