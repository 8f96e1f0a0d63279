package io.uniapi.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.uniapi.limits.RateLimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Compiles the dispatch preferences (scheduling, retries, cooldowns, timeouts, rate limits, error triggers) into
 * {@link DispatchPolicies}. Every value that does not parse becomes a problem {@code path: value (expected …)}, so a
 * bad value rejects the load and the previous config keeps serving.
 */
final class DispatchPolicyCompiler {
    private DispatchPolicyCompiler() {
    }

    static DispatchPolicies compile(GatewayConfig config, List<Channel> channels, ClientKeys keys,
                                    List<ConfigProblem> problems) {
        Preferences global = config.preferences();
        Duration globalCooldown = value(global, "cooldown_period", Seconds::parse, problems);
        Map<String, ChannelPolicy> channelPolicies = new HashMap<>();
        for (Channel channel : channels) {
            channelPolicies.put(channel.name(), channel(channel.config(), globalCooldown, problems));
        }
        Map<String, ClientPolicy> clientPolicies = new HashMap<>();
        for (ClientKey key : keys.all()) {
            clientPolicies.put(key.fingerprint(), client(key.config().preferences(), problems));
        }
        RateLimit globalLimit = value(global, "rate_limit", node -> RateLimit.parse(node.asText()), problems);
        return new DispatchPolicies(Map.copyOf(channelPolicies), Map.copyOf(clientPolicies), globalLimit,
                errorTriggers(global, problems), map(global, "model_timeout", Seconds::parse, problems),
                map(global, "keepalive_interval", Seconds::parse, problems));
    }

    private static ChannelPolicy channel(ProviderConfig provider, Duration globalCooldown, List<ConfigProblem> problems) {
        Preferences prefs = provider.preferences();
        // Vertex AI service-account channels rotate over (and cool down) their regions as other channels over keys.
        List<String> keyIds = GoogleCloud.keyPool(provider, GoogleCloud.of(provider)).stream().map(Fingerprint::of).toList();
        KeyScheduleAlgorithm schedule = orDefault(value(prefs, "api_key_schedule_algorithm",
                KeyScheduleAlgorithm::parse, problems), KeyScheduleAlgorithm.ROUND_ROBIN);
        Duration cooldown = value(prefs, "cooldown_period", Seconds::parse, problems);
        return new ChannelPolicy(keyIds, schedule,
                map(prefs, "api_key_rate_limit", node -> RateLimit.parse(node.asText()), problems),
                orDefault(cooldown, orDefault(globalCooldown, ChannelPolicy.DEFAULT_COOLDOWN)),
                orDefault(value(prefs, "api_key_cooldown_period", Seconds::parse, problems), Duration.ZERO),
                orDefault(value(prefs, "api_key_rate_limit_cooldown_period", Seconds::parse, problems),
                        ChannelPolicy.DEFAULT_KEY_RATE_LIMIT_COOLDOWN),
                orDefault(value(prefs, "api_key_quota_cooldown_period", Seconds::parse, problems),
                        ChannelPolicy.DEFAULT_KEY_QUOTA_COOLDOWN),
                map(prefs, "model_timeout", Seconds::parse, problems),
                map(prefs, "keepalive_interval", Seconds::parse, problems));
    }

    private static ClientPolicy client(Preferences prefs, List<ConfigProblem> problems) {
        return new ClientPolicy(
                orDefault(value(prefs, "SCHEDULING_ALGORITHM", SchedulingAlgorithm::parse, problems),
                        SchedulingAlgorithm.FIXED_PRIORITY),
                orDefault(value(prefs, "AUTO_RETRY", AutoRetry::parse, problems), AutoRetry.DEFAULT),
                map(prefs, "rate_limit", node -> RateLimit.parse(node.asText()), problems));
    }

    private static List<String> errorTriggers(Preferences global, List<ConfigProblem> problems) {
        JsonNode node = global.get("error_triggers");
        if (node == null) {
            return List.of();
        }
        List<String> triggers = new ArrayList<>();
        if (node.isValueNode()) {
            triggers.add(node.asText());
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                if (item.isValueNode() && !item.isNull() && !item.asText().isEmpty()) {
                    triggers.add(item.asText());
                } else {
                    problems.add(new ConfigProblem(NodeReader.index(global.pathOf("error_triggers"), i),
                            NodeReader.describe(item) + " (expected a non-empty text)"));
                }
            }
        } else {
            problems.add(new ConfigProblem(global.pathOf("error_triggers"), NodeReader.describe(node)
                    + " (expected a list of texts)"));
        }
        return List.copyOf(triggers);
    }

    private static <T> T value(Preferences prefs, String key, Function<JsonNode, T> parser, List<ConfigProblem> problems) {
        JsonNode node = prefs.get(key);
        if (node == null) {
            return null;
        }
        if (!node.isValueNode()) {
            problems.add(new ConfigProblem(prefs.pathOf(key), NodeReader.describe(node) + " (expected a single value)"));
            return null;
        }
        try {
            return parser.apply(node);
        } catch (IllegalArgumentException e) {
            problems.add(new ConfigProblem(prefs.pathOf(key), e.getMessage()));
            return null;
        }
    }

    private static <T> ModelMap<T> map(Preferences prefs, String key, Function<JsonNode, T> parser,
                                       List<ConfigProblem> problems) {
        JsonNode node = prefs.get(key);
        if (node == null) {
            return null;
        }
        try {
            return ModelMap.parse(node, prefs.pathOf(key), parser);
        } catch (ConfigException e) {
            problems.addAll(e.problems());
            return null;
        }
    }

    private static <T> T orDefault(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
