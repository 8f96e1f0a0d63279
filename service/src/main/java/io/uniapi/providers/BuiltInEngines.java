package io.uniapi.providers;

import io.uniapi.providers.anthropic.AnthropicEngine;
import io.uniapi.providers.azure.AzureEngine;
import io.uniapi.providers.openai.OpenAiEngine;

import java.util.HashMap;
import java.util.Map;

/** The engines this version ships, by the engine names uni-api uses ({@code engine:} values and detection results). */
public final class BuiltInEngines {
    private BuiltInEngines() {
    }

    public static EngineRegistry registry() {
        Map<String, ProviderEngine> engines = new HashMap<>();
        OpenAiEngine openAi = new OpenAiEngine();
        engines.put("gpt", openAi);
        engines.put("openrouter", OpenAiEngine.openRouterDialect());
        engines.put("claude", new AnthropicEngine());
        engines.put("azure", new AzureEngine());
        return new EngineRegistry(engines);
    }
}
