package io.uniapi.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.errors.NotFoundException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.models.Model;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.uniapi.UniApiConfiguration;
import io.uniapi.testing.FakeUpstream;
import io.uniapi.testing.OpenAiErrors;
import io.uniapi.testing.OpenAiWire;
import io.uniapi.testing.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which channel serves which model for which key ({@code api_keys[].model} rules), through real HTTP. */
@ExtendWith(DropwizardExtensionsSupport.class)
class RoutingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final FakeUpstream ALPHA = FakeUpstream.start().on("POST /v1/chat/completions", OpenAiWire.answer("from alpha"));
    @RegisterExtension
    static final FakeUpstream BETA = FakeUpstream.start().on("POST /v1/chat/completions", OpenAiWire.answer("from beta"));
    @RegisterExtension
    static final FakeUpstream GAMMA = FakeUpstream.start().on("POST /v1/chat/completions", OpenAiWire.answer("from gamma"));
    static final DropwizardAppExtension<UniApiConfiguration> APP = TestGateway.app(TestGateway.writeConfig("""
            providers:
              - provider: alpha
                base_url: %s
                api: sk-upstream-alpha-secret
                model:
                  - gpt-4o
                  - gpt-4o-2024-08-06: gpt-4o-pinned
                  - vendor/model-x
              - provider: beta
                base_url: %s
                api: [sk-upstream-beta-one, sk-upstream-beta-two]
                model:
                  - gpt-4o
                  - claude-3-5-sonnet
              - provider: gamma
                base_url: %s
                api: sk-upstream-gamma-secret
                model: [gpt-4o-mini, deepseek-chat]
            api_keys:
              - api: sk-rules-absent
              - api: sk-rules-all
                model: [all]
              - api: sk-rules-beta-star
                model: [beta/*]
              - api: sk-rules-provider-model
                model: [alpha/gpt-4o]
              - api: sk-rules-literal
                model: [<vendor/model-x>]
              - api: sk-rules-plain
                model: [gpt-4o-mini, deepseek-chat]
              - api: sk-rules-beta-first
                model: [beta/*, alpha/*]
              - api: sk-rules-key-channel
                model: [sk-rules-beta-star/*]
            """.formatted(ALPHA.url("/v1/chat/completions"), BETA.url("/v1"), GAMMA.url("/v1/chat/completions"))));

    @Test
    void aKeyWithoutRulesOrWithAllMayUseEveryModelOfEveryProviderInConfigOrder() throws Exception {
        List<String> everything = List.of("gpt-4o", "gpt-4o-pinned", "vendor/model-x", "claude-3-5-sonnet",
                "gpt-4o-mini", "deepseek-chat");

        assertThat(models("sk-rules-absent")).containsExactlyElementsOf(everything);
        assertThat(models("sk-rules-all")).containsExactlyElementsOf(everything);
        assertThat(answer("sk-rules-absent", "claude-3-5-sonnet")).isEqualTo("from beta");
        assertThat(answer("sk-rules-all", "deepseek-chat")).isEqualTo("from gamma");
        assertThat(answer("sk-rules-all", "gpt-4o")).as("first provider in config order").isEqualTo("from alpha");
    }

    @Test
    void providerStarAllowsEveryModelOfThatProviderOnly() throws Exception {
        assertThat(models("sk-rules-beta-star")).containsExactly("gpt-4o", "claude-3-5-sonnet");
        assertThat(answer("sk-rules-beta-star", "gpt-4o")).isEqualTo("from beta");
        assertThat(ALPHA.requests()).isEmpty();
        assertModelNotFound("sk-rules-beta-star", "gpt-4o-mini");
    }

    @Test
    void providerSlashModelAllowsThatModelFromThatProviderOnly() throws Exception {
        assertThat(models("sk-rules-provider-model")).containsExactly("gpt-4o");
        assertThat(answer("sk-rules-provider-model", "gpt-4o")).isEqualTo("from alpha");
        assertModelNotFound("sk-rules-provider-model", "claude-3-5-sonnet");
    }

    @Test
    void anAngleBracketLiteralIsAModelNameContainingASlash() throws Exception {
        assertThat(models("sk-rules-literal")).containsExactly("vendor/model-x");
        assertThat(answer("sk-rules-literal", "vendor/model-x")).isEqualTo("from alpha");
        assertThat(ALPHA.lastRequest().json().path("model").asText()).isEqualTo("vendor/model-x");
        assertModelNotFound("sk-rules-literal", "gpt-4o");

        HttpResponse<String> one = TestGateway.get(TestGateway.baseUrl(APP) + "/v1/models/vendor/model-x", "sk-rules-literal");
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(one.body()).path("id").asText()).isEqualTo("vendor/model-x");
    }

    @Test
    void aPlainNameAllowsThatModelFromAnyProvider() throws Exception {
        assertThat(models("sk-rules-plain")).containsExactly("gpt-4o-mini", "deepseek-chat");
        assertThat(answer("sk-rules-plain", "gpt-4o-mini")).isEqualTo("from gamma");
        assertModelNotFound("sk-rules-plain", "gpt-4o");
    }

    @Test
    void anAliasIsSentUpstreamUnderTheUpstreamNameAndTheUpstreamNameItselfIsNotRoutable() throws Exception {
        OpenAIClient client = TestGateway.openAi(APP, "sk-rules-absent");

        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gpt-4o-pinned").addUserMessage("hi").build());

        assertThat(completion.model()).isEqualTo("gpt-4o-pinned");
        assertThat(ALPHA.lastRequest().json().path("model").asText()).isEqualTo("gpt-4o-2024-08-06");
        assertThatThrownBy(() -> client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gpt-4o-2024-08-06").addUserMessage("hi").build()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void rulesAreTriedInTheKeysOrderNotTheProvidersOrder() throws Exception {
        assertThat(answer("sk-rules-beta-first", "gpt-4o")).isEqualTo("from beta");
        assertThat(answer("sk-rules-absent", "gpt-4o")).isEqualTo("from alpha");
    }

    @Test
    void anotherClientKeyUsedAsAChannelLendsItsOwnRules() throws Exception {
        assertThat(models("sk-rules-key-channel")).containsExactly("gpt-4o", "claude-3-5-sonnet");
        assertThat(answer("sk-rules-key-channel", "gpt-4o")).isEqualTo("from beta");
        assertThat(BETA.lastRequest().header("Authorization")).startsWith("Bearer sk-upstream-beta-");
        assertModelNotFound("sk-rules-key-channel", "gpt-4o-mini");
    }

    @Test
    void aBareV1BaseUrlPostsToChatCompletionsAndSeveralUpstreamKeysTakeTurns() throws Exception {
        List<String> used = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            answer("sk-rules-beta-star", "claude-3-5-sonnet");
            used.add(BETA.lastRequest().header("Authorization"));
        }

        assertThat(BETA.lastRequest().path()).isEqualTo("/v1/chat/completions");
        assertThat(used).containsOnly("Bearer sk-upstream-beta-one", "Bearer sk-upstream-beta-two");
        assertThat(used.get(0)).isNotEqualTo(used.get(1));
        assertThat(used.get(0)).isEqualTo(used.get(2));
    }

    @Test
    void theSdkListsAndRetrievesExactlyTheModelsOfTheKey() {
        OpenAIClient client = TestGateway.openAi(APP, "sk-rules-beta-star");

        List<String> ids = new ArrayList<>();
        client.models().list().autoPager().forEach(model -> ids.add(model.id()));
        Model one = client.models().retrieve("claude-3-5-sonnet");

        assertThat(ids).containsExactly("gpt-4o", "claude-3-5-sonnet");
        assertThat(one.id()).isEqualTo("claude-3-5-sonnet");
        assertThat(one.ownedBy()).isEqualTo("uni-api");
        assertThatThrownBy(() -> client.models().retrieve("gpt-4o-mini")).isInstanceOf(NotFoundException.class);
    }

    private static List<String> models(String key) throws Exception {
        HttpResponse<String> response = TestGateway.get(TestGateway.baseUrl(APP) + "/v1/models", key);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode list = JSON.readTree(response.body());
        assertThat(list.path("object").asText()).isEqualTo("list");
        List<String> ids = new ArrayList<>();
        list.path("data").forEach(model -> {
            assertThat(model.path("object").asText()).isEqualTo("model");
            ids.add(model.path("id").asText());
        });
        return ids;
    }

    private static String answer(String key, String model) throws Exception {
        HttpResponse<String> response = TestGateway.post(APP, "/v1/chat/completions", key, TestGateway.chatBody(model, false));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode completion = JSON.readTree(response.body());
        assertThat(completion.path("model").asText()).isEqualTo(model);
        return completion.path("choices").get(0).path("message").path("content").asText();
    }

    private static void assertModelNotFound(String key, String model) {
        JsonNode error = OpenAiErrors.assertError(
                TestGateway.post(APP, "/v1/chat/completions", key, TestGateway.chatBody(model, false)), 404);
        assertThat(error.path("code").asText()).isEqualTo("model_not_found");
        assertThat(error.path("message").asText()).contains(model);
        assertThat(TestGateway.get(TestGateway.baseUrl(APP) + "/v1/models/" + model, key).statusCode()).isEqualTo(404);
    }
}
