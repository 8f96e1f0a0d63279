package io.uniapi.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.uniapi.UniApiConfiguration;
import io.uniapi.testing.FakeUpstream;
import io.uniapi.testing.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Anthropic engine inside the running gateway: failover on Anthropic's retryable errors (529 and stream error
 * events before any content), model discovery on a {@code …/v1/messages} base, and requests refused before any call.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class AnthropicGatewayTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final FakeUpstream PRIMARY = FakeUpstream.start();
    @RegisterExtension
    static final FakeUpstream BACKUP = FakeUpstream.start();
    /** Not reset between tests: the gateway lists its models once, at start-up. */
    static final FakeUpstream DISCOVERED = FakeUpstream.start();
    static final DropwizardAppExtension<UniApiConfiguration> APP = TestGateway.app(TestGateway.writeConfig("""
            providers:
              - provider: primary
                base_url: %s
                api: sk-ant-primary-secret
                model: [claude-sonnet-4-5]
              - provider: backup
                base_url: %s
                api: sk-ant-backup-secret
                model: [claude-sonnet-4-5]
              - provider: discovered
                base_url: %s
                api: sk-ant-discovery-secret
            api_keys:
              - api: sk-client-1
            preferences:
              cooldown_period: 0   # each test starts with a healthy primary
            """.formatted(PRIMARY.url("/v1/messages"), BACKUP.url("/v1/messages"), DISCOVERED.url("/v1/messages"))));

    static {
        DISCOVERED.on("GET /v1/models", (request, exchange) -> exchange.json(200, """
                {"data":[{"type":"model","id":"claude-opus-4-1-20250805","display_name":"Claude Opus 4.1"},
                {"type":"model","id":"claude-haiku-4-5","display_name":"Claude Haiku 4.5"}],
                "has_more":false,"first_id":"claude-opus-4-1-20250805","last_id":"claude-haiku-4-5"}"""));
    }

    @AfterAll
    static void stopDiscovered() throws Exception {
        DISCOVERED.close();
    }

    @BeforeEach
    void reset() {
        BACKUP.on("POST /v1/messages", (request, exchange) -> exchange.json(200, """
                {"id":"msg_b","type":"message","role":"assistant","model":"claude-sonnet-4-5",
                "content":[{"type":"text","text":"from backup"}],"stop_reason":"end_turn","stop_sequence":null,
                "usage":{"input_tokens":3,"output_tokens":2}}"""));
    }

    private static HttpResponse<String> chat(String model, boolean stream) {
        return TestGateway.post(APP, "/v1/chat/completions", "sk-client-1", "{\"model\":\"" + model + "\",\"stream\":"
                + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    }

    @Test
    void anOverloadedChannelFailsOverToTheNextOne() throws Exception {
        PRIMARY.on("POST /v1/messages", (request, exchange) -> exchange.json(529,
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"},\"request_id\":\"req_1\"}"));

        HttpResponse<String> response = chat("claude-sonnet-4-5", false);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("choices").get(0).path("message").path("content").asText())
                .isEqualTo("from backup");
        assertThat(PRIMARY.requests("/v1/messages")).hasSize(1);
    }

    @Test
    void aStreamErrorEventBeforeAnyContentFailsOverToo() {
        PRIMARY.on("POST /v1/messages", (request, exchange) -> {
            exchange.startSse();
            exchange.raw("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"type\":"
                    + "\"message\",\"role\":\"assistant\",\"content\":[],\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}}\n\n");
            exchange.raw("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n");
        });
        BACKUP.on("POST /v1/messages", (request, exchange) -> {
            exchange.startSse();
            exchange.raw("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"type\":"
                    + "\"message\",\"role\":\"assistant\",\"content\":[],\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}}\n\n");
            exchange.raw("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
                    + "{\"type\":\"text_delta\",\"text\":\"backup text\"}}\n\n");
            exchange.raw("event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},"
                    + "\"usage\":{\"output_tokens\":2}}\n\n");
            exchange.raw("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
        });

        HttpResponse<String> response = chat("claude-sonnet-4-5", true);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("backup text").endsWith("data: [DONE]\n\n");
        assertThat(PRIMARY.requests("/v1/messages")).hasSize(1);
    }

    @Test
    void aBadRequestIsNotRetriedElsewhere() throws Exception {
        PRIMARY.on("POST /v1/messages", (request, exchange) -> exchange.json(400, "{\"type\":\"error\",\"error\":"
                + "{\"type\":\"invalid_request_error\",\"message\":\"max_tokens: 999999 > 64000\"},\"request_id\":\"req_2\"}"));

        HttpResponse<String> response = chat("claude-sonnet-4-5", false);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertThat(error.path("message").asText()).isEqualTo("max_tokens: 999999 > 64000");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(BACKUP.requests("/v1/messages")).isEmpty();
    }

    @Test
    void toolArgumentsThatAreNotJsonAreRefusedBeforeAnyCall() throws Exception {
        HttpResponse<String> response = TestGateway.post(APP, "/v1/chat/completions", "sk-client-1", """
                {"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"hi"},
                {"role":"assistant","tool_calls":[{"id":"t1","type":"function","function":{"name":"f","arguments":"{oops"}}]},
                {"role":"tool","tool_call_id":"t1","content":"x"}]}""");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("error").path("message").asText()).contains("not valid JSON");
        assertThat(PRIMARY.requests("/v1/messages")).isEmpty();
        assertThat(BACKUP.requests("/v1/messages")).isEmpty();
    }

    @Test
    void modelsOfAMessagesBaseAreDiscoveredWithAnthropicHeaders() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                TestGateway.get(TestGateway.baseUrl(APP) + "/v1/models", "sk-client-1").body())
                .contains("claude-opus-4-1-20250805").contains("claude-haiku-4-5"));

        var call = DISCOVERED.requests("/v1/models").get(0);
        assertThat(call.header("x-api-key")).isEqualTo("sk-ant-discovery-secret");
        assertThat(call.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(call.header("Authorization")).isNull();
    }
}
