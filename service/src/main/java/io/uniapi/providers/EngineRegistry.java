package io.uniapi.providers;

import io.uniapi.config.ProviderConfig;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Finds the {@link ProviderEngine} for a channel and model. */
public final class EngineRegistry {
    private final Map<String, ProviderEngine> engines;

    public EngineRegistry(Map<String, ProviderEngine> engines) {
        this.engines = Map.copyOf(engines);
    }

    public Optional<ProviderEngine> engine(ProviderConfig provider, String upstreamModel) {
        return Optional.ofNullable(engines.get(EngineDetector.detect(provider, upstreamModel)));
    }

    /** The engine used to list models of a provider that declares none. */
    public Optional<ProviderEngine> discoveryEngine(ProviderConfig provider) {
        return engine(provider, "gpt");
    }

    public boolean supports(String engineId) {
        return engines.containsKey(engineId);
    }

    public Set<String> ids() {
        return new TreeSet<>(engines.keySet());
    }
}
