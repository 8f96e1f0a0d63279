package io.uniapi.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.uniapi.http.ProxySpec;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Compiles a validated {@link GatewayConfig} plus the models discovered so far into an immutable {@link Snapshot},
 * checking what needs the whole file to check (rules naming providers or keys that do not exist).
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
                    proxy(provider.preferences(), config.preferences(), problems));
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
        for (ClientKeyConfig key : config.apiKeys()) {
            checkRules(key, byName, clientKeys, problems);
        }
        GatewaySettings settings = compileSettings(config.preferences(), problems);
        io.uniapi.credits.Billing billing = BillingCompiler.compile(config, keys, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new Snapshot(version, Instant.now(), source, config, List.copyOf(channels), Map.copyOf(byName),
                Map.copyOf(byAlias), clientKeys, settings, billing);
    }

    private static void checkRules(ClientKeyConfig key, Map<String, Channel> channels, ClientKeys keys,
                                   List<ConfigProblem> problems) {
        for (int i = 0; i < key.rules().size(); i++) {
            ModelRule rule = key.rules().get(i);
            String path = NodeReader.index(NodeReader.child(key.path(), "model"), i);
            if (rule.namesProvider() && !channels.containsKey(rule.provider())) {
                problems.add(new ConfigProblem(path, "'" + rule + "' names provider '" + rule.provider()
                        + "', which is not in providers (for a model whose name contains '/', write <" + rule.provider()
                        + "/" + (rule.model() == null ? "*" : rule.model()) + ">)"));
            }
            if (rule.namesKey()) {
                if (keys.byValue(rule.provider()).isEmpty()) {
                    problems.add(new ConfigProblem(path, "'" + rule + "' names a client key that is not in api_keys"));
                } else if (rule.provider().equals(key.api())) {
                    problems.add(new ConfigProblem(path, "a key cannot use itself as a channel"));
                }
            }
        }
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

    private static String proxy(Preferences provider, Preferences global, List<ConfigProblem> problems) {
        Preferences source = provider.has("proxy") ? provider : global;
        JsonNode node = source.get("proxy");
        if (node == null || node.asText().isBlank()) {
            return null;
        }
        try {
            ProxySpec.parse(node.asText());
            return node.asText().trim();
        } catch (IllegalArgumentException e) {
            problems.add(new ConfigProblem(source.pathOf("proxy"), "invalid proxy, " + e.getMessage()));
            return null;
        }
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
        return new GatewaySettings(maxBody);
    }
}
