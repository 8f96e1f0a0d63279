package io.uniapi.state;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Model lists reported by upstreams for providers that declare none, by provider name; survives reloads. */
public final class DiscoveredModels {
    private final ConcurrentMap<String, List<String>> models = new ConcurrentHashMap<>();

    /** The last list discovered for {@code provider}, or an empty list. */
    public List<String> get(String provider) {
        return models.getOrDefault(provider, List.of());
    }

    /** Stores a list; true if it differs from the previous one. */
    public boolean put(String provider, List<String> discovered) {
        List<String> previous = models.put(provider, List.copyOf(discovered));
        return !discovered.equals(previous);
    }
}
