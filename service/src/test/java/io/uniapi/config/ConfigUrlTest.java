package io.uniapi.config;

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

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code CONFIG_URL}: no file on the command line, the config comes over HTTP and is re-fetched periodically. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ConfigUrlTest {
    private static final FakeUpstream UPSTREAM = FakeUpstream.start()
            .on("POST /v1/chat/completions", OpenAiWire.answer("ok"));
    private static final AtomicReference<String> PUBLISHED = new AtomicReference<>(config("m-first", "sk-client-first"));
    private static final AtomicInteger STATUS = new AtomicInteger(200);
    private static final FakeUpstream CONFIG_SERVER = FakeUpstream.start()
            .on("GET /configs/api.yaml", (request, exchange) -> exchange.text(STATUS.get(), "application/yaml", PUBLISHED.get()));
    static final DropwizardAppExtension<UniApiConfiguration> APP = TestGateway.app(null, Map.of(
            "CONFIG_URL", CONFIG_SERVER.url("/configs/api.yaml?token=secret-config-token"),
            "CONFIG_URL_REFRESH_SECONDS", "1"));

    @AfterAll
    static void stop() throws Exception {
        UPSTREAM.close();
        CONFIG_SERVER.close();
    }

    @Test
    void theConfigIsLoadedFromTheUrlAndReFetchedPeriodicallyAndAFailedFetchKeepsTheLastGoodOne() throws Exception {
        assertThat(serves("sk-client-first", "m-first")).as("loaded at start-up from CONFIG_URL").isTrue();

        PUBLISHED.set(config("m-second", "sk-client-second"));

        await().atMost(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(50))
                .until(() -> serves("sk-client-second", "m-second"));
        assertThat(CONFIG_SERVER.requests("/configs/api.yaml").size()).isGreaterThanOrEqualTo(2);

        STATUS.set(503);
        await().atMost(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(50)).until(() -> !healthy());
        assertThat(health()).contains("answered HTTP 503").doesNotContain("secret-config-token");
        assertThat(serves("sk-client-second", "m-second")).as("the last good config keeps serving").isTrue();

        STATUS.set(200);
        PUBLISHED.set(config("m-third", "sk-client-third"));
        await().atMost(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(50))
                .until(() -> serves("sk-client-third", "m-third"));
        assertThat(healthy()).isTrue();
    }

    @Test
    void theRefreshIntervalIsAWholeNumberOfSecondsWithAFloorOfOne() {
        assertThat(ConfigUrlPoller.refreshInterval(Map.<String, String>of()::get)).isEqualTo(Duration.ofSeconds(60));
        assertThat(ConfigUrlPoller.refreshInterval(Map.of("CONFIG_URL_REFRESH_SECONDS", "30")::get))
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(ConfigUrlPoller.refreshInterval(Map.of("CONFIG_URL_REFRESH_SECONDS", "0")::get))
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(ConfigUrlPoller.refreshInterval(Map.of("CONFIG_URL_REFRESH_SECONDS", "soon")::get))
                .isEqualTo(Duration.ofSeconds(60));
    }

    private static boolean serves(String key, String model) {
        return TestGateway.post(APP, "/v1/chat/completions", key, TestGateway.chatBody(model, false)).statusCode() == 200;
    }

    private static String health() {
        return TestGateway.adminGet(APP, "/healthcheck").body();
    }

    private static boolean healthy() throws Exception {
        return new ObjectMapper().readTree(health()).path("config").path("healthy").asBoolean();
    }

    private static String config(String model, String key) {
        return """
                providers:
                  - provider: up
                    base_url: %s
                    api: sk-upstream-url
                    model: [%s]
                api_keys:
                  - api: %s
                """.formatted(UPSTREAM.url("/v1/chat/completions"), model, key);
    }
}
