package io.uniapi.stats;

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

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Persistence off ({@code stats.enabled: false}, the same switch as {@code DISABLE_DATABASE=true}): checklist 77, and
 * credits are not enforced (as in uni-api).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class StatsDisabledTest {
    static final String KEY = "sk-disabled-only-0123456789";
    static final ObjectMapper JSON = new ObjectMapper();
    static final FakeUpstream UPSTREAM = FakeUpstream.start();
    static final Path CONFIG = TestGateway.writeConfig("""
            providers:
              - provider: alpha
                base_url: %s/v1/chat/completions
                api: sk-upstream
                model: [gpt-4o]
            api_keys:
              - api: %s
                preferences:
                  credits: 0
            stats:
              enabled: false
            """.formatted(UPSTREAM.baseUrl(), KEY));
    static final DropwizardAppExtension<UniApiConfiguration> APP = TestGateway.app(CONFIG);

    static {
        UPSTREAM.on("POST /v1/chat/completions", OpenAiWire.answer("ok"));
    }

    @AfterAll
    static void stop() throws Exception {
        UPSTREAM.close();
    }

    @Test
    void statsAreEmptyTokenUsageIsUnavailableAndNothingIsWritten() throws Exception {
        assertThat(TestGateway.post(APP, "/v1/chat/completions", KEY,
                "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").statusCode())
                .as("credits are not enforced without a database").isEqualTo(200);

        HttpResponse<String> stats = TestGateway.get(TestGateway.baseUrl(APP) + "/v1/stats", KEY);
        assertThat(stats.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(stats.body()).toString()).isEqualTo("{\"stats\":{}}");

        HttpResponse<String> usage = TestGateway.get(TestGateway.baseUrl(APP) + "/v1/token_usage", KEY);
        assertThat(usage.statusCode()).isEqualTo(503);
        JsonNode error = JSON.readTree(usage.body()).path("error");
        assertThat(error.path("message").asText()).isEqualTo("Database is disabled.");
        assertThat(error.path("code").asText()).isEqualTo("database_disabled");

        JsonNode health = JSON.readTree(TestGateway.get(TestGateway.adminUrl(APP) + "/healthcheck", null).body());
        assertThat(health.path("database").path("healthy").asBoolean()).isTrue();
        assertThat(health.has("stats-writer")).isFalse();
        try (var files = Files.list(CONFIG.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith("stats"));
        }
    }
}
