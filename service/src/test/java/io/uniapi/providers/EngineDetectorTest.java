package io.uniapi.providers;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uniapi.config.Preferences;
import io.uniapi.config.ProviderConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Engine detection as behaviour reference §4.1 describes it, with the fix of §10.18. */
class EngineDetectorTest {

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @CsvSource({
            // OpenAI-compatible hosts: gpt for known model families, openrouter for the rest (§4.1 step 3)
            "https://api.openai.com/v1/chat/completions,                           gpt-4o,                      gpt",
            "https://api.deepseek.com/chat/completions,                            deepseek-chat,               gpt",
            "https://api.x.ai/v1/chat/completions,                                 grok-3-mini,                 gpt",
            "https://my-vllm.internal/v1,                                          gemma-2-9b,                  gpt",
            "https://my-vllm.internal/v1,                                          learnlm-1.5,                 gpt",
            "https://my-vllm.internal/v1,                                          Claude-Opus,                 gpt",
            "https://openrouter.ai/api/v1/chat/completions,                        meta-llama/llama-3-70b,      openrouter",
            "https://api.groq.com/openai/v1/chat/completions,                      llama-3.1-70b-versatile,     openrouter",
            "https://generativelanguage.googleapis.com/v1beta/openai/chat/completions, gemini-2.0-flash,         gpt",
            // Gemini native
            "https://generativelanguage.googleapis.com/v1beta,                     gemini-2.5-flash,            gemini",
            "https://generativelanguage.googleapis.com/v1beta/,                    gemini-2.5-flash,            gemini",
            "https://generativelanguage.googleapis.com/v1,                         gemini-1.5-pro,              gemini",
            "https://gemini-proxy.example.com/v1beta,                              gemini-1.5-pro,              gemini",
            // Vertex
            "https://aiplatform.googleapis.com/,                                   gemini-2.5-pro,              vertex-gemini",
            "https://us-east5-aiplatform.googleapis.com,                           claude-3-5-sonnet@20240620,  vertex-claude",
            "https://gateway.ai.cloudflare.com/v1/acct/gw/google-vertex-ai,        claude-sonnet-4,             vertex-claude",
            "https://proxy.example.com/aiplatform.googleapis.com/v1,               gemini-2.0-flash,            vertex-gemini",
            // Azure, Databricks, Cloudflare, Anthropic, AWS, Cohere
            "https://my-endpoint.openai.azure.com,                                 gpt-4o,                      azure",
            "https://my-endpoint.services.ai.azure.com/models/chat/completions,   gpt-4o,                      azure",
            "https://adb-1234.azuredatabricks.net/serving-endpoints,               databricks-claude-sonnet,    azure-databricks",
            "https://api.cloudflare.com/client/v4/accounts/acct/ai/run,            '@cf/meta/llama-3.1-8b-instruct', cloudflare",
            "https://api.anthropic.com/v1/messages,                                claude-3-7-sonnet-20250219,  claude",
            "https://anthropic-proxy.example.com/v1/messages,                      claude-3-5-haiku,            claude",
            "https://bedrock-runtime.us-east-1.amazonaws.com,                      anthropic.claude-3-5-sonnet, aws",
            "https://api.cohere.com/v1/chat,                                       command-r-plus,              cohere",
            // §10.18 fixed: a model name without a known family does not turn a native channel into openrouter
            "https://my-endpoint.openai.azure.com,                                 prod-chat,                   azure",
            "https://api.anthropic.com/v1/messages,                                kimi-k2,                     claude",
            "https://api.xxx.com/v1/messages,                                      causallm-35b-beta2ep-q6k,    claude",
            "https://generativelanguage.googleapis.com/v1beta,                     imagen-3.0-generate-002,     gemini",
            "https://bedrock-runtime.us-east-1.amazonaws.com,                      amazon.nova-pro-v1,          aws",
            // GitHub Models speaks OpenAI's format at an azure.com host: treated as OpenAI-compatible
            "https://models.inference.ai.azure.com/chat/completions,               gpt-4o,                      gpt",
    })
    void detectsTheWireFormatFromTheBaseUrlAndModel(String baseUrl, String model, String engine) {
        assertThat(EngineDetector.detect(provider(baseUrl, null, null), model)).isEqualTo(engine);
    }

    @Test
    void anExplicitEngineWinsOverTheUrl() {
        assertThat(EngineDetector.detect(provider("https://api.xxx.com/v1/messages", "openrouter", null), "causallm-35b"))
                .isEqualTo("openrouter");
        assertThat(EngineDetector.detect(provider("https://api.openai.com/v1/chat/completions", "GPT", null), "x"))
                .isEqualTo("gpt");
        assertThat(EngineDetector.detect(provider("https://example.com", "vertex", null), "claude-3-opus@20240229"))
                .isEqualTo("vertex-claude");
        assertThat(EngineDetector.detect(provider("https://example.com", "vertex", null), "gemini-1.5-pro"))
                .isEqualTo("vertex-gemini");
    }

    @Test
    void aProjectIdMeansVertexAndACloudflareAccountMeansWorkersAi() {
        ObjectNode vertex = JsonNodeFactory.instance.objectNode().put("project_id", "gen-lang-client-1");
        ObjectNode cloudflare = JsonNodeFactory.instance.objectNode().put("cf_account_id", "8ec0");

        assertThat(EngineDetector.detect(provider("", null, vertex), "gemini-1.5-pro")).isEqualTo("vertex-gemini");
        assertThat(EngineDetector.detect(provider("", null, vertex), "claude-3-5-sonnet@20240620")).isEqualTo("vertex-claude");
        assertThat(EngineDetector.detect(provider("", null, cloudflare), "@cf/meta/llama-3.1-8b-instruct")).isEqualTo("cloudflare");
    }

    @Test
    void aVertexProjectBehindACloudflareGatewayKeepsItsGatewayUrlAndIsStillVertex() {
        ObjectNode vertex = JsonNodeFactory.instance.objectNode().put("project_id", "p");

        assertThat(EngineDetector.detect(provider("https://gateway.ai.cloudflare.com/v1/a/g/google-vertex-ai", null, vertex),
                "claude-3-5-sonnet")).isEqualTo("vertex-claude");
    }

    private static ProviderConfig provider(String baseUrl, String engine, ObjectNode raw) {
        return new ProviderConfig("p", baseUrl, List.of("k"), Optional.empty(), true, engine, Preferences.empty(),
                raw == null ? JsonNodeFactory.instance.objectNode() : raw, "providers[0]");
    }
}
