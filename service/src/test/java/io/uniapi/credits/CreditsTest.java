package io.uniapi.credits;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.uniapi.UniApiConfiguration;
import io.uniapi.testing.FakeUpstream;
import io.uniapi.testing.OpenAiWire;
import io.uniapi.testing.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Prepaid credits (reference §7.4, checklist 76): block before any upstream call, unblock with credits. */
@ExtendWith(DropwizardExtensionsSupport.class)
class CreditsTest {
    static final String ADMIN = "sk-credits-admin-0123456701";
    static final String PAID = "sk-credits-paid-0123456702";
    static final String ZERO = "sk-credits-zero-0123456703";
    static final String TOPPED = "sk-credits-topped-0123456704";
    static final ObjectMapper JSON = new ObjectMapper();
    static final FakeUpstream UPSTREAM = FakeUpstream.start();
    static final String YAML = """
            providers:
              - provider: alpha
                base_url: %s/v1/chat/completions
                api: sk-upstream-alpha
                model: [gpt-4o, cheap-model]
            api_keys:
              - api: %s
                role: admin
              - api: %s
                role: customer
                preferences:
                  credits: 0.000001
              - api: %s
                preferences:
                  credits: 0
              - api: %s
                preferences:
                  credits: 0.000001
                  created_at: 2024-01-01T00:00:00+08:00
            preferences:
              model_price:
                cheap: "0,0"
                default: "1,2"
            """.formatted(UPSTREAM.baseUrl(), ADMIN, PAID, ZERO, TOPPED);
    static final Path CONFIG = TestGateway.writeConfig(YAML);
    static final DropwizardAppExtension<UniApiConfiguration> APP = TestGateway.app(CONFIG);

    static {
        UPSTREAM.on("POST /v1/chat/completions", OpenAiWire.answer("paid answer"));
    }

    @AfterAll
    static void stop() throws Exception {
        UPSTREAM.close();
    }

    @Test
    void aKeyThatSpentItsCreditsGets429BeforeAnyUpstreamCallButStillSeesItsUsage() throws Exception {
        assertThat(chat(PAID, "cheap-model").statusCode()).isEqualTo(200);
        assertThat(chat(PAID, "cheap-model").statusCode()).as("a free model costs nothing").isEqualTo(200);
        assertThat(chat(PAID, "gpt-4o").statusCode()).isEqualTo(200);

        int upstreamCalls = UPSTREAM.requests().size();
        HttpResponse<String> refused = chat(PAID, "gpt-4o");
        assertThat(refused.statusCode()).isEqualTo(429);
        JsonNode error = JSON.readTree(refused.body()).path("error");
        assertThat(error.path("message").asText()).startsWith("Balance is insufficient, please check your account.");
        assertThat(error.path("type").asText()).isEqualTo("insufficient_quota");
        assertThat(error.path("code").asText()).isEqualTo("insufficient_quota");
        assertThat(refused.headers().firstValue("Retry-After")).isEmpty();
        assertThat(UPSTREAM.requests()).hasSize(upstreamCalls);

        HttpResponse<String> usage = TestGateway.get(TestGateway.baseUrl(APP) + "/v1/token_usage", PAID);
        assertThat(usage.statusCode()).isEqualTo(200);
        JsonNode details = JSON.readTree(usage.body()).path("query_details");
        assertThat(details.path("credits").asText()).isEqualTo("$0.000001");
        // (9 prompt × $1 + 12 completion × $2) per million tokens
        assertThat(details.path("total_cost").asText()).isEqualTo("$0.000033");
        assertThat(details.path("balance").asText()).isEqualTo("$-0.000032");

        // Balances are in memory at once; the per-model token rows arrive with the writer's next batch.
        JsonNode states = await().atMost(Duration.ofSeconds(20)).until(() -> JSON.readTree(TestGateway.get(
                        TestGateway.baseUrl(APP) + "/v1/api_keys_states", ADMIN).body()).path("api_keys_states"),
                s -> s.path(maskOf(PAID)).path("all_tokens_info").size() == 2);
        JsonNode paid = states.path(maskOf(PAID));
        assertThat(paid.path("enabled").asBoolean()).isFalse();
        assertThat(paid.path("total_cost").asDouble()).isEqualTo(0.000033, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(paid.path("role").asText()).isEqualTo("customer");
        assertThat(paid.path("all_tokens_info").findValuesAsText("model")).contains("gpt-4o", "cheap-model");
        assertThat(states.toString()).doesNotContain(PAID, ZERO, TOPPED);
        assertThat(TestGateway.get(TestGateway.baseUrl(APP) + "/v1/api_keys_states", PAID).statusCode())
                .as("a blocked key gets 429 everywhere but /v1/token_usage").isEqualTo(429);
    }

    @Test
    void zeroCreditsBlockAtOnceAndARaisedLimitInApiYamlUnblocksWithoutRestart() throws Exception {
        assertThat(chat(ZERO, "gpt-4o").statusCode()).isEqualTo(429);

        Files.writeString(CONFIG, Files.readString(CONFIG).replace("credits: 0\n", "credits: 5\n"));
        HttpResponse<String> reload = TestGateway.send(HttpRequest.newBuilder(
                URI.create(TestGateway.adminUrl(APP) + "/tasks/reload-config")).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(reload.body()).startsWith("OK");
        await().atMost(Duration.ofSeconds(10)).until(() -> chat(ZERO, "gpt-4o").statusCode() == 200);
    }

    @Test
    void addedCreditsUnblockAKeyAndAreStoredInTheDatabase() throws Exception {
        assertThat(chat(TOPPED, "gpt-4o").statusCode()).isEqualTo(200);
        assertThat(chat(TOPPED, "gpt-4o").statusCode()).isEqualTo(429);

        assertThat(addCredits(TOPPED, "1", PAID).statusCode()).as("admins only").isEqualTo(403);
        assertThat(addCredits(TOPPED, "-1", ADMIN).statusCode()).isEqualTo(400);
        assertThat(addCredits("sk-not-a-key", "1", ADMIN).statusCode()).isEqualTo(404);
        assertThat(addCredits(ADMIN, "1", ADMIN).statusCode()).as("a key without credits").isEqualTo(404);

        HttpResponse<String> added = addCredits(TOPPED, "0.5", ADMIN);
        assertThat(added.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(added.body());
        assertThat(body.path("enabled").asBoolean()).isTrue();
        assertThat(body.path("new_credits").asDouble()).isEqualTo(0.500001, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(body.path("paid_key").asText()).isEqualTo(maskOf(TOPPED));
        assertThat(added.body()).doesNotContain(TOPPED);
        assertThat(chat(TOPPED, "gpt-4o").statusCode()).isEqualTo(200);
    }

    private static String maskOf(String key) {
        return key.substring(0, 4) + "…" + key.substring(key.length() - 4);
    }

    private static HttpResponse<String> addCredits(String paidKey, String amount, String caller) {
        return TestGateway.send(HttpRequest.newBuilder(URI.create(TestGateway.baseUrl(APP)
                        + "/v1/add_credits?paid_key=" + paidKey + "&amount=" + amount))
                .header("Authorization", "Bearer " + caller)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private static HttpResponse<String> chat(String key, String model) {
        return TestGateway.post(APP, "/v1/chat/completions", key,
                "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    }
}
