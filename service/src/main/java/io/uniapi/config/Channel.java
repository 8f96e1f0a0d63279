package io.uniapi.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A compiled provider entry: its config plus the models it serves right now (declared, or discovered from the
 * upstream), indexed by alias. Immutable; part of one {@link Snapshot}.
 */
public final class Channel {
    private final ProviderConfig config;
    private final List<ModelEntry> models;
    private final Map<String, ModelEntry> byAlias;
    private final Map<String, String> headers;
    private final String proxy;
    private final GoogleCloud googleCloud;
    private BodyOverrides bodyOverrides = BodyOverrides.NONE;

    Channel(ProviderConfig config, List<ModelEntry> models, Map<String, String> headers, String proxy) {
        this.config = config;
        this.headers = headers;
        this.proxy = proxy;
        this.models = List.copyOf(models);
        Map<String, ModelEntry> index = new LinkedHashMap<>();
        for (ModelEntry model : models) {
            index.putIfAbsent(model.alias(), model);
        }
        this.byAlias = Map.copyOf(index);
        this.googleCloud = GoogleCloud.of(config);
    }

    public String name() {
        return config.name();
    }

    public ProviderConfig config() {
        return config;
    }

    /** Models in config order (aliases may repeat across channels, not within one). */
    public List<ModelEntry> models() {
        return models;
    }

    /** Extra upstream request headers from {@code preferences.headers}, in order. */
    public Map<String, String> headers() {
        return headers;
    }

    /** The proxy for this channel's calls (its own, else the global one), or null. */
    public String proxy() {
        return proxy;
    }

    /** Vertex AI settings, or null for channels that are not Google Cloud ones. */
    public GoogleCloud googleCloud() {
        return googleCloud;
    }

    /**
     * What the dispatcher picks one of per attempt, rotates over and cools down one by one: the upstream keys, or,
     * for a Vertex AI channel with a service account (which has no keys), its regions.
     */
    public List<String> keyPool() {
        return GoogleCloud.keyPool(config, googleCloud);
    }

    /** {@code preferences.post_body_parameter_overrides}, compiled; every engine applies it to its upstream body. */
    public BodyOverrides bodyOverrides() {
        return bodyOverrides;
    }

    /** Set once by {@link SnapshotCompiler} before the snapshot is published. */
    Channel withBodyOverrides(BodyOverrides overrides) {
        this.bodyOverrides = overrides;
        return this;
    }

    public Optional<ModelEntry> model(String alias) {
        return Optional.ofNullable(byAlias.get(alias));
    }

    public boolean offers(String alias) {
        return byAlias.containsKey(alias);
    }

    @Override
    public String toString() {
        return name();
    }
}
