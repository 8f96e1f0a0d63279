package io.uniapi.providers;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.uniapi.UniApiConfiguration;
import io.uniapi.testing.FakeUpstream;
import io.uniapi.testing.OpenAiWire;
import io.uniapi.testing.RecordedRequest;
import io.uniapi.testing.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Providers without {@code model:} get their list from the upstream's {@code GET /v1/models}, in the background. */
@ExtendWith(DropwizardExtensionsSupport.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ModelDiscoveryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CountDownLatch RELEASE_SLOW = new CountDownLatch(1);
    private static final AtomicBoolean SLOW_ANSWERED = new AtomicBoolean();
    private static final AtomicInteger FLAKY_FAILURES_LEFT = new AtomicInteger(2);
    private static final AtomicReference<String[]> FLAKY_MODELS = new AtomicReference<>(new String[] {"flaky-model"});

    static final FakeUpstream SLOW = FakeUpstream.start()
            .on("GET /v1/models", (request, exchange) -> {
                RELEASE_SLOW.await(60, TimeUnit.SECONDS);
                SLOW_ANSWERED.set(true);
                exchange.json(200, OpenAiWire.modelList("slow-model-a", "slow-model-b", "slow-model-a"));
            })
            .on("POST /v1/chat/completions", OpenAiWire.answer("from slow"));
    static final FakeUpstream FLAKY = FakeUpstream.start()
            .on("GET /v1/models", (request, exchange) -> {
                if (FLAKY_FAILURES_LEFT.getAndDecrement() > 0) {
                    exchange.json(503, OpenAiWire.error("warming up (key sk-upstream-flaky-secret)", "server_error", null));
                } else {
                    exchange.json(200, OpenAiWire.modelList(FLAKY_MODELS.get()));
                }
            })
            .on("POST /v1/chat/completions", OpenAiWire.answer("from flaky"));
    static final FakeUpstream LISTED = FakeUpstream.start()
            .on("POST /v1/chat/completions", OpenAiWire.answer("from listed"));
    static final DropwizardAppExtension<UniApiConfiguration> APP = TestGateway.app(TestGateway.writeConfig("""
            providers:
              - provider: slow
                base_url: %s
                api: [sk-upstream-slow-first, sk-upstream-slow-second]
              - provider: flaky
                base_url: %s
                api: sk-upstream-flaky-secret
              - provider: listed
                base_url: %s
                api: sk-upstream-listed
                model: [static-model]
            api_keys:
              - api: sk-client-discovery
            """.formatted(SLOW.url("/v1/chat/completions"), FLAKY.url("/v1"), LISTED.url("/v1/chat/completions"))),
            ConfigOverride.config("model_discovery.firstRetryDelay", "300ms"),
            ConfigOverride.config("model_discovery.maxRetryDelay", "600ms"),
            ConfigOverride.config("model_discovery.timeout", "90s"));

    @AfterAll
    static void stop() throws Exception {
        RELEASE_SLOW.countDown();
        SLOW.close();
        FLAKY.close();
        LISTED.close();
    }

    @Test
    @Order(1)
    void startUpDoesNotWaitForASlowUpstreamAndItsModelsServeOnceItAnswers() throws Exception {
        assertThat(SLOW_ANSWERED).as("the service is up while the slow upstream has not answered").isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> !SLOW.requests("/v1/models").isEmpty());
        assertThat(models()).contains("static-model").doesNotContain("slow-model-a");
        assertThat(status("slow-model-a")).isEqualTo(404);

        RELEASE_SLOW.countDown();

        await().atMost(Duration.ofSeconds(5)).until(() -> models().contains("slow-model-a"));
        assertThat(models()).containsSubsequence("slow-model-a", "slow-model-b").containsOnlyOnce("slow-model-a");
        assertThat(status("slow-model-b")).isEqualTo(200);
        assertThat(SLOW.lastRequest().json().path("model").asText()).isEqualTo("slow-model-b");
        RecordedRequest discovery = SLOW.requests("/v1/models").get(0);
        assertThat(discovery.method()).isEqualTo("GET");
        assertThat(discovery.header("Authorization")).isEqualTo("Bearer sk-upstream-slow-first");
    }

    @Test
    @Order(2)
    void aFailingUpstreamIsRetriedLaterUntilItAnswers() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> models().contains("flaky-model"));

        List<RecordedRequest> fetches = FLAKY.requests("/v1/models");
        assertThat(fetches).hasSizeGreaterThanOrEqualTo(3);
        assertThat(fetches.get(0).path()).as("a bare /v1 base lists models at /v1/models").isEqualTo("/v1/models");
        assertThat(status("flaky-model")).isEqualTo(200);
    }

    @Test
    @Order(3)
    void aConfigReloadFetchesTheListsAgain() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> models().contains("flaky-model"));
        int fetchesBefore = FLAKY.requests("/v1/models").size();
        FLAKY_MODELS.set(new String[] {"flaky-model", "flaky-model-2"});

        assertThat(TestGateway.adminPost(APP, "/tasks/reload-config").body()).startsWith("OK");

        await().atMost(Duration.ofSeconds(5)).until(() -> models().contains("flaky-model-2"));
        assertThat(FLAKY.requests("/v1/models")).hasSizeGreaterThan(fetchesBefore);
        assertThat(models()).contains("slow-model-a", "static-model");
    }

    private static List<String> models() throws Exception {
        List<String> ids = new ArrayList<>();
        JSON.readTree(TestGateway.get(TestGateway.baseUrl(APP) + "/v1/models", "sk-client-discovery").body())
                .path("data").forEach(model -> ids.add(model.path("id").asText()));
        return ids;
    }

    private static int status(String model) {
        return TestGateway.post(APP, "/v1/chat/completions", "sk-client-discovery",
                TestGateway.chatBody(model, false)).statusCode();
    }
}
