package io.uniapi.providers.vertex;

import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.uniapi.UniApiConfiguration;
import io.uniapi.testing.FakeUpstream;
import io.uniapi.testing.GeminiWire;
import io.uniapi.testing.RecordedRequest;
import io.uniapi.testing.TestGateway;
import io.uniapi.testing.TestServiceAccount;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static io.uniapi.testing.GeminiWire.response;
import static io.uniapi.testing.GeminiWire.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The OpenAI SDK in front of Vertex AI: a service account whose assertions a fake token endpoint verifies with the
 * account's public key, regions spread over requests, and Vertex Express keys.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class VertexChatTest {
    static final String PRO = "/publishers/google/models/gemini-2.5-pro:generateContent";
    @RegisterExtension
    static final FakeUpstream UPSTREAM = FakeUpstream.start();
    static final DropwizardAppExtension<UniApiConfiguration> APP = TestGateway.app(TestGateway.writeConfig("""
            providers:
              - provider: vertex
                base_url: %1$s
                project_id: test-project
                client_email: %2$s
                private_key: "%3$s"
                token_url: %1$s/token
                region: [us-central1, europe-west4]
                model:
                  - gemini-2.5-pro
              - provider: express
                engine: vertex-gemini
                base_url: %1$s/express
                api: AQ.express-key-0001
                model:
                  - gemini-2.5-flash: express-flash
              - provider: cooling
                base_url: %1$s
                project_id: cool-project
                client_email: %2$s
                private_key: "%3$s"
                token_url: %1$s/token
                region: us-central1, europe-west4
                model:
                  - gemini-2.5-pro: cooling-pro
                preferences:
                  api_key_cooldown_period: 60
              - provider: refused
                base_url: %1$s
                project_id: test-project
                client_email: other@test-project.iam.gserviceaccount.com
                private_key: "%3$s"
                token_url: %1$s/refusing-token
                model:
                  - gemini-2.5-pro: refused-pro
            api_keys:
              - api: sk-client-1
            """.formatted(UPSTREAM.baseUrl(), TestServiceAccount.EMAIL, TestServiceAccount.privateKeyEscaped())));

    @BeforeEach
    void reset() {
        UPSTREAM.on("POST /token", TestServiceAccount.tokenEndpoint("ya29.vertex-token", 3600));
        UPSTREAM.on("POST /refusing-token", (request, exchange) -> exchange.json(400,
                "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid grant: account not found\"}"));
    }

    OpenAIClient client() {
        return TestGateway.openAi(APP, "sk-client-1");
    }

    @Test
    void serviceAccountRequestsSpreadOverTheRegionsWithOneCachedToken() {
        for (String region : List.of("us-central1", "europe-west4")) {
            UPSTREAM.on("POST /v1/projects/test-project/locations/" + region + PRO, (request, exchange) -> {
                if (!"Bearer ya29.vertex-token".equals(request.header("Authorization"))) {
                    exchange.json(401, GeminiWire.error(401, "Request had invalid authentication credentials.", "UNAUTHENTICATED"));
                    return;
                }
                exchange.json(200, response(List.of(text("from " + region)), "STOP", new int[]{3, 2}));
            });
        }

        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ChatCompletion completion = client().chat().completions().create(ChatCompletionCreateParams.builder()
                    .model("gemini-2.5-pro").addSystemMessage("be brief").addUserMessage("hi").build());
            answers.add(completion.choices().get(0).message().content().orElseThrow());
        }

        assertThat(answers).containsExactlyInAnyOrder("from us-central1", "from europe-west4", "from us-central1",
                "from europe-west4");
        assertThat(answers.get(0)).isNotEqualTo(answers.get(1));
        assertThat(UPSTREAM.requests("/token").size()).as("at most one token exchange for four requests").isLessThanOrEqualTo(1);
        RecordedRequest call = UPSTREAM.requests().stream().filter(r -> r.path().endsWith(PRO)).findFirst().orElseThrow();
        assertThat(call.json().path("systemInstruction").path("parts").get(0).path("text").asText()).isEqualTo("be brief");
        assertThat(call.query()).isNull();
    }

    @Test
    void aFailingRegionIsBenchedOnItsOwnWhileTheOtherServes() {
        String failing = "/v1/projects/cool-project/locations/us-central1" + PRO;
        String healthy = "/v1/projects/cool-project/locations/europe-west4" + PRO;
        UPSTREAM.on("POST " + failing, (request, exchange) -> exchange.json(500,
                GeminiWire.error(500, "Internal error encountered.", "INTERNAL")));
        UPSTREAM.on("POST " + healthy, GeminiWire.answer(response(List.of(text("from europe")), "STOP", null)));

        for (int i = 0; i < 4; i++) {
            ChatCompletion completion = client().chat().completions().create(ChatCompletionCreateParams.builder()
                    .model("cooling-pro").addUserMessage("hi").build());
            assertThat(completion.choices().get(0).message().content()).contains("from europe");
        }

        assertThat(UPSTREAM.requests(failing)).as("benched after its first failure").hasSize(1);
        assertThat(UPSTREAM.requests(healthy)).hasSize(4);
    }

    @Test
    void streamingUsesStreamGenerateContentWithSse() {
        UPSTREAM.on("POST /v1/projects/test-project/locations/us-central1/publishers/google/models/gemini-2.5-pro:streamGenerateContent",
                GeminiWire.stream(response(List.of(text("Hel")), null, null), response(List.of(text("lo")), "STOP", new int[]{1, 2})));
        UPSTREAM.on("POST /v1/projects/test-project/locations/europe-west4/publishers/google/models/gemini-2.5-pro:streamGenerateContent",
                GeminiWire.stream(response(List.of(text("Hel")), null, null), response(List.of(text("lo")), "STOP", new int[]{1, 2})));

        StringBuilder text = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream = client().chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model("gemini-2.5-pro").addUserMessage("hi").build())) {
            stream.stream().forEach(c -> c.choices().forEach(choice -> choice.delta().content().ifPresent(text::append)));
        }

        assertThat(text.toString()).isEqualTo("Hello");
        assertThat(UPSTREAM.lastRequest().query()).isEqualTo("alt=sse");
        assertThat(UPSTREAM.lastRequest().header("Authorization")).isEqualTo("Bearer ya29.vertex-token");
    }

    @Test
    void expressKeysGoInTheQueryWithoutAuthorization() {
        UPSTREAM.on("POST /express/v1/publishers/google/models/gemini-2.5-flash:generateContent",
                GeminiWire.answer(response(List.of(text("express")), "STOP", null)));

        ChatCompletion completion = client().chat().completions().create(ChatCompletionCreateParams.builder()
                .model("express-flash").addUserMessage("hi").build());

        assertThat(completion.choices().get(0).message().content()).contains("express");
        assertThat(completion.model()).isEqualTo("express-flash");
        RecordedRequest call = UPSTREAM.lastRequest();
        assertThat(call.query()).isEqualTo("key=AQ.express-key-0001");
        assertThat(call.header("Authorization")).isNull();
        assertThat(UPSTREAM.requests("/token")).isEmpty();
    }

    @Test
    void aRefusedServiceAccountFailsWithAClearAuthenticationError() {
        assertThatThrownBy(() -> client().chat().completions().create(ChatCompletionCreateParams.builder()
                .model("refused-pro").addUserMessage("hi").build()))
                .isInstanceOfSatisfying(OpenAIServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(401);
                    assertThat(e.getMessage()).contains("other@test-project.iam.gserviceaccount.com")
                            .contains("account not found");
                });
        assertThat(UPSTREAM.requests().stream().filter(r -> r.path().contains("publishers"))).isEmpty();
    }
}
