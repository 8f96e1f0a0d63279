package io.uniapi.providers;

import io.uniapi.providers.gemini.GeminiEngine;
import io.uniapi.providers.gemini.ThoughtSignatures;
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
        engines.put("openrouter", openAi);
        ThoughtSignatures signatures = new ThoughtSignatures();
        engines.put("gemini", new GeminiEngine(signatures));
        return new EngineRegistry(engines);
    }
}
