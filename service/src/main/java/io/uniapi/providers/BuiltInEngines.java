package io.uniapi.providers;

import io.uniapi.http.TransportException;
import io.uniapi.providers.anthropic.AnthropicEngine;
import io.uniapi.providers.azure.AzureEngine;
import io.uniapi.providers.gemini.GeminiEngine;
import io.uniapi.providers.gemini.ToolCallMemory;
import io.uniapi.providers.openai.OpenAiEngine;
import io.uniapi.providers.vertex.GoogleAccessTokens;
import io.uniapi.providers.vertex.VertexClaudeEngine;
import io.uniapi.providers.vertex.VertexGeminiEngine;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** The engines this version ships, by the engine names uni-api uses ({@code engine:} values and detection results). */
public final class BuiltInEngines {
    private BuiltInEngines() {
    }

    /** The engines, without an HTTP client for Vertex AI's token exchange (tests that never reach Vertex). */
    public static EngineRegistry registry() {
        return registry((request, timeout) -> {
            throw new TransportException(TransportException.Kind.CONNECT, "no HTTP client for the token exchange", null);
        });
    }

    /** The engines; {@code tokenExchange} performs Vertex AI's OAuth token calls. */
    public static EngineRegistry registry(GoogleAccessTokens.Exchange tokenExchange) {
        Map<String, ProviderEngine> engines = new HashMap<>();
        OpenAiEngine openAi = new OpenAiEngine();
        engines.put("gpt", openAi);
        engines.put("openrouter", OpenAiEngine.openRouterDialect());
        AnthropicEngine anthropic = new AnthropicEngine();
        engines.put("claude", anthropic);
        engines.put("azure", new AzureEngine());
        ToolCallMemory toolCalls = new ToolCallMemory();
        engines.put("gemini", new GeminiEngine(toolCalls));
        GoogleAccessTokens tokens = new GoogleAccessTokens(tokenExchange, Clock.systemUTC());
        engines.put("vertex-gemini", new VertexGeminiEngine(tokens, toolCalls));
        engines.put("vertex-claude", new VertexClaudeEngine(tokens, anthropic));
        return new EngineRegistry(engines);
    }
}
