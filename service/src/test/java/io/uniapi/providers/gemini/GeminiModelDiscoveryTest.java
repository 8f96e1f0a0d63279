package io.uniapi.providers.gemini;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.uniapi.UniApiConfiguration;
import io.uniapi.testing.FakeUpstream;
import io.uniapi.testing.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A Gemini provider without {@code model:} lists Gemini's models, every page, without the {@code models/} prefix. */
@ExtendWith(DropwizardExtensionsSupport.class)
class GeminiModelDiscoveryTest {
    static final FakeUpstream UPSTREAM = FakeUpstream.start().on("GET /v1beta/models", (request, exchange) -> {
        if (!"AIza-discovery-key".equals(request.header("x-goog-api-key"))) {
            exchange.json(400, "{\"error\":{\"code\":400,\"message\":\"API key not valid.\",\"status\":\"INVALID_ARGUMENT\"}}");
        } else if (request.query().contains("pageToken=page%2B2")) {
            exchange.json(200, "{\"models\":[{\"name\":\"models/gemini-2.5-pro\"}]}");
        } else {
            exchange.json(200, "{\"models\":[{\"name\":\"models/gemini-2.5-flash\"},{\"name\":\"models/embedding-001\"}],"
                    + "\"nextPageToken\":\"page+2\"}");
        }
    });
    static final DropwizardAppExtension<UniApiConfiguration> APP = TestGateway.app(TestGateway.writeConfig("""
            providers:
              - provider: gem
                base_url: %s
                api: AIza-discovery-key
            api_keys:
              - api: sk-client-1
            """.formatted(UPSTREAM.url("/v1beta"))));

    @AfterAll
    static void stopUpstream() throws Exception {
        UPSTREAM.close();
    }

    @Test
    void everyPageIsListed() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                TestGateway.get(TestGateway.baseUrl(APP) + "/v1/models", "sk-client-1").body())
                .contains("\"gemini-2.5-flash\"", "\"embedding-001\"", "\"gemini-2.5-pro\"")
                .doesNotContain("models/"));
        assertThat(UPSTREAM.requests("/v1beta/models")).hasSize(2);
        assertThat(UPSTREAM.requests("/v1beta/models").get(0).query()).isEqualTo("pageSize=1000");
    }
}
