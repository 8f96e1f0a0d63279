package io.uniapi.limits;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.uniapi.UniApiConfiguration;
import io.uniapi.testing.FakeUpstream;
import io.uniapi.testing.OpenAiWire;
import io.uniapi.testing.TestClock;
import io.uniapi.testing.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code preferences.rate_limit}: one bucket for every {@code /v1/*} call of every key. */
@ExtendWith(DropwizardExtensionsSupport.class)
class GlobalRateLimitTest {
    static final FakeUpstream UPSTREAM = FakeUpstream.start();
    static final TestClock CLOCK = new TestClock();
    static final DropwizardAppExtension<UniApiConfiguration> APP = TestGateway.app(TestGateway.writeConfig("""
            providers:
              - provider: up
                base_url: %s/v1/chat/completions
                api: sk-upstream-0001
                model: [m]
            api_keys:
              - api: sk-one
              - api: sk-two
            preferences:
              rate_limit: 2/min
            """.formatted(UPSTREAM.baseUrl())), CLOCK);

    @AfterAll
    static void stopUpstream() throws Exception {
        UPSTREAM.close();
    }

    @Test
    void theGlobalLimitCountsEveryKeyAndEveryEndpoint() {
        UPSTREAM.on("POST /v1/chat/completions", OpenAiWire.answer("ok"));

        HttpResponse<String> chat = TestGateway.post(APP, "/v1/chat/completions", "sk-one",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        HttpResponse<String> models = TestGateway.get(TestGateway.baseUrl(APP) + "/v1/models", "sk-two");
        HttpResponse<String> refused = TestGateway.get(TestGateway.baseUrl(APP) + "/v1/models", "sk-one");
        CLOCK.advance(Duration.ofSeconds(31));
        HttpResponse<String> later = TestGateway.get(TestGateway.baseUrl(APP) + "/v1/models", "sk-two");

        assertThat(chat.statusCode()).isEqualTo(200);
        assertThat(models.statusCode()).isEqualTo(200);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("30");
        assertThat(refused.body()).contains("\"code\":\"rate_limit_exceeded\"");
        assertThat(later.statusCode()).isEqualTo(200);
    }
}
