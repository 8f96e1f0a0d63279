package io.uniapi.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Compiles a validated {@link GatewayConfig} plus the models discovered so far into an immutable {@link Snapshot}.
 * Rules naming providers or keys that do not exist are not errors here: see {@link TolerableProblems}.
 */
public final class SnapshotCompiler {

    /**
     * @param discovered models an upstream reported for a provider without {@code model}, by provider name (empty
     *                   list when discovery has not succeeded yet)
     */
    public Snapshot compile(GatewayConfig config, Function<String, List<String>> discovered, long version, String source)
            throws ConfigException {
        List<ConfigProblem> problems = new ArrayList<>();
        List<Channel> channels = new ArrayList<>();
        Map<String, Channel> byName = new LinkedHashMap<>();
        Map<String, List<Channel>> byAlias = new LinkedHashMap<>();
        for (ProviderConfig provider : config.providers()) {
            List<ModelEntry> models = provider.models().orElseGet(() -> discovered.apply(provider.name()).stream()
                    .map(id -> new ModelEntry(id, id)).toList());
            Channel channel = new Channel(provider, models, headers(provider.preferences(), problems),
                    proxy(provider.preferences(), config.preferences()));
            channel.withBodyOverrides(bodyOverrides(provider, models, problems));
            channels.add(channel);
            byName.put(channel.name(), channel);
            for (ModelEntry model : channel.models()) {
                List<Channel> offering = byAlias.computeIfAbsent(model.alias(), a -> new ArrayList<>());
                if (!offering.contains(channel)) {
                    offering.add(channel);
                }
            }
        }
        byAlias.replaceAll((alias, list) -> List.copyOf(list));

        boolean singleKey = config.apiKeys().size() == 1;
        List<ClientKey> keys = new ArrayList<>();
        for (ClientKeyConfig key : config.apiKeys()) {
            boolean admin = singleKey || (key.role() != null && key.role().contains("admin"));
            keys.add(new ClientKey(key, admin));
        }
        ClientKeys clientKeys = new ClientKeys(keys);
        GatewaySettings settings = compileSettings(config.preferences(), problems);
        DispatchPolicies dispatch = DispatchPolicyCompiler.compile(config, channels, clientKeys, problems);
        io.uniapi.credits.Billing billing = BillingCompiler.compile(config, keys, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new Snapshot(version, Instant.now(), source, config, List.copyOf(channels), Map.copyOf(byName),
                Map.copyOf(byAlias), clientKeys, settings, dispatch, billing);
    }

    private static Map<String, String> headers(Preferences preferences, List<ConfigProblem> problems) {
        JsonNode node = preferences.get("headers");
        Map<String, String> headers = new LinkedHashMap<>();
        if (node == null) {
            return Map.of();
        }
        if (!node.isObject()) {
            problems.add(new ConfigProblem(preferences.pathOf("headers"), NodeReader.describe(node)
                    + " (expected a mapping of header names to values)"));
            return Map.of();
        }
        node.fields().forEachRemaining(header -> {
            if (header.getValue().isValueNode() && !header.getValue().isNull()) {
                headers.put(header.getKey(), header.getValue().asText());
            } else {
                problems.add(new ConfigProblem(NodeReader.child(preferences.pathOf("headers"), header.getKey()),
                        NodeReader.describe(header.getValue()) + " (expected a header value)"));
            }
        });
        return java.util.Collections.unmodifiableMap(headers);
    }

    private static BodyOverrides bodyOverrides(ProviderConfig provider, List<ModelEntry> models,
                                               List<ConfigProblem> problems) {
        java.util.Set<String> names = new java.util.HashSet<>();
        models.forEach(model -> {
            names.add(model.alias());
            names.add(model.upstream());
        });
        return BodyOverrides.compile(provider.preferences().get("post_body_parameter_overrides"), names,
                provider.preferences().pathOf("post_body_parameter_overrides"), problems);
    }

    /** The channel's proxy as written; one that is not a URL stays, so that calls fail rather than bypass it. */
    private static String proxy(Preferences provider, Preferences global) {
        Preferences source = provider.has("proxy") ? provider : global;
        JsonNode node = source.get("proxy");
        return node == null || node.asText().isBlank() ? null : node.asText().trim();
    }

    private static GatewaySettings compileSettings(Preferences global, List<ConfigProblem> problems) {
        long maxBody = GatewaySettings.DEFAULT_MAX_REQUEST_BODY_BYTES;
        JsonNode limit = global.get("max_request_body_bytes");
        if (limit != null) {
            try {
                maxBody = ByteSize.parse(limit.asText()).bytes();
            } catch (IllegalArgumentException e) {
                problems.add(new ConfigProblem(global.pathOf("max_request_body_bytes"), e.getMessage()));
            }
        }
        return new GatewaySettings(maxBody, proxy(Preferences.empty(), global));
    }
}
