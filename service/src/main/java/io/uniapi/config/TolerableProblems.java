package io.uniapi.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.uniapi.http.ProxySpec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Problems that uni-api itself tolerates in an otherwise valid file, so that a file which runs on uni-api also starts
 * here: a rule naming a provider or client key that does not exist (it matches nothing), a proxy that is not a URL
 * (calls through it fail; they never bypass it) and Vertex AI credentials that cannot be used (its calls fail). Each problem is keyed by a stable identity (which key's which rule,
 * whose proxy) rather than its path, so that {@link ConfigHolder} can tell a problem a reload introduces, which
 * usually means an unfinished edit and is rejected, from one the running version already had.
 */
final class TolerableProblems {
    private TolerableProblems() {
    }

    static Map<String, ConfigProblem> find(GatewayConfig config) {
        Map<String, ConfigProblem> found = new LinkedHashMap<>();
        Set<String> providers = config.providers().stream().map(ProviderConfig::name).collect(Collectors.toSet());
        Set<String> keys = config.apiKeys().stream().map(ClientKeyConfig::api).collect(Collectors.toSet());
        for (ClientKeyConfig key : config.apiKeys()) {
            for (int i = 0; i < key.rules().size(); i++) {
                ModelRule rule = key.rules().get(i);
                String reason = unresolved(rule, key, providers, keys);
                if (reason != null) {
                    String path = NodeReader.index(NodeReader.child(key.path(), "model"), i);
                    found.put("rule " + Fingerprint.of(key.api()) + " " + rule, new ConfigProblem(path, reason));
                }
            }
        }
        checkProxy(config.preferences(), "global proxy", found);
        for (ProviderConfig provider : config.providers()) {
            checkProxy(provider.preferences(), "proxy of provider " + provider.name(), found);
            for (ConfigProblem problem : GoogleCloud.problems(provider)) {
                found.put("google cloud of provider " + provider.name() + " " + problem.path(), new ConfigProblem(
                        problem.path(), problem.reason() + "; requests to this provider fail until it is fixed"));
            }
        }
        return found;
    }

    private static String unresolved(ModelRule rule, ClientKeyConfig key, Set<String> providers, Set<String> keys) {
        if (rule.namesProvider() && !providers.contains(rule.provider())) {
            return "'" + rule + "' names provider '" + rule.provider() + "', which is not in providers, so it matches"
                    + " nothing (for a model whose name contains '/', write <" + rule.provider() + "/"
                    + (rule.model() == null ? "*" : rule.model()) + ">)";
        }
        if (rule.namesKey() && !keys.contains(rule.provider())) {
            return "'" + rule + "' names a client key that is not in api_keys, so it matches nothing";
        }
        if (rule.namesKey() && rule.provider().equals(key.api())) {
            return "'" + rule + "': a key cannot use itself as a channel, so it matches nothing";
        }
        return null;
    }

    private static void checkProxy(Preferences preferences, String identity, Map<String, ConfigProblem> found) {
        JsonNode proxy = preferences.get("proxy");
        if (proxy == null || proxy.asText().isBlank()) {
            return;
        }
        try {
            ProxySpec.parse(proxy.asText());
        } catch (IllegalArgumentException e) {
            found.put(identity, new ConfigProblem(preferences.pathOf("proxy"), "invalid proxy, " + e.getMessage()
                    + "; calls that should go through it fail until it is fixed"));
        }
    }
}
