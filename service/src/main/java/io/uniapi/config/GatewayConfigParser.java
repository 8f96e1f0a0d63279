package io.uniapi.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.uniapi.config.NodeReader.child;
import static io.uniapi.config.NodeReader.describe;
import static io.uniapi.config.NodeReader.index;

/**
 * Turns the YAML tree of {@code api.yaml} (environment already expanded) into a {@link GatewayConfig}, reporting every
 * problem with its key path. Accepts everything uni-api accepts: scalars where lists are allowed, numbers as names,
 * {@code upstream: alias} renames, {@code rule: weight} items.
 */
public final class GatewayConfigParser {

    /** The result: a usable config plus the warnings to log once. */
    public record Parsed(GatewayConfig config, List<ConfigProblem> warnings) {
    }

    public Parsed parse(JsonNode root) throws ConfigException {
        NodeReader reader = new NodeReader();
        if (!(root instanceof ObjectNode top)) {
            throw new ConfigException("", "the file must be a YAML mapping with 'providers' and 'api_keys' (found "
                    + describe(root) + ")");
        }
        ConfigKeys.check(ConfigKeys.Section.TOP, top, "", reader);
        List<ProviderConfig> providers = parseProviders(top, reader);
        List<ClientKeyConfig> keys = parseClientKeys(top, reader);
        ObjectNode global = reader.object(top, "preferences", "");
        ConfigKeys.check(ConfigKeys.Section.GLOBAL_PREFERENCES, global, "preferences", reader);
        ObjectNode framework = JsonNodeFactory.instance.objectNode();
        for (String section : ConfigKeys.FRAMEWORK_SECTIONS) {
            if (top.has(section)) {
                framework.set(section, top.get(section));
            }
        }
        if (!reader.problems().isEmpty()) {
            throw new ConfigException(reader.problems());
        }
        return new Parsed(new GatewayConfig(providers, keys, new Preferences(global, "preferences"), framework),
                reader.warnings());
    }

    private List<ProviderConfig> parseProviders(ObjectNode top, NodeReader reader) {
        JsonNode list = top.get("providers");
        List<ProviderConfig> out = new ArrayList<>();
        if (list == null || list.isNull()) {
            reader.problem("providers", "missing (expected a list of channels, each with 'provider' and 'base_url')");
            return out;
        }
        if (!list.isArray()) {
            reader.problem("providers", describe(list) + " (expected a list of channels)");
            return out;
        }
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String path = index("providers", i);
            JsonNode item = list.get(i);
            if (!(item instanceof ObjectNode entry)) {
                reader.problem(path, describe(item) + " (expected a mapping with 'provider' and 'base_url')");
                continue;
            }
            ProviderConfig provider = parseProvider(entry, path, reader);
            if (provider == null) {
                continue;
            }
            String previous = seen.putIfAbsent(provider.name(), path);
            if (previous != null) {
                reader.problem(child(path, "provider"), "'" + provider.name() + "' is already used by " + previous
                        + " (provider names must be unique)");
            }
            out.add(provider);
        }
        return out;
    }

    private ProviderConfig parseProvider(ObjectNode entry, String path, NodeReader reader) {
        ConfigKeys.check(ConfigKeys.Section.PROVIDER, entry, path, reader);
        String name = reader.requiredString(entry, "provider", path);
        String baseUrl = Optional.ofNullable(reader.optionalString(entry, "base_url", path)).orElse("").trim();
        List<String> keys = reader.stringList(entry, "api", path);
        Optional<List<ModelEntry>> models = parseModels(entry, path, reader);
        boolean tools = reader.optionalBoolean(entry, "tools", path).orElse(true);
        String engine = reader.optionalString(entry, "engine", path);
        ObjectNode prefs = reader.object(entry, "preferences", path);
        String prefsPath = child(path, "preferences");
        ConfigKeys.check(ConfigKeys.Section.PROVIDER_PREFERENCES, prefs, prefsPath, reader);
        if (name == null) {
            return null;
        }
        if (name.startsWith("sk-")) {
            reader.problem(child(path, "provider"), "names starting with 'sk-' are reserved for client keys used as channels");
        }
        if (name.contains("/")) {
            reader.problem(child(path, "provider"), "'" + name + "' contains '/' (rules like '" + name
                    + "/*' could not name it)");
        }
        if (baseUrl.isEmpty() && !entry.has("project_id") && !entry.has("cf_account_id")
                && !entry.has("aws_access_key")) {
            reader.problem(child(path, "base_url"), "missing (required, e.g. https://api.openai.com/v1/chat/completions)");
        }
        return new ProviderConfig(name, baseUrl, List.copyOf(keys), models, tools,
                engine == null || engine.isBlank() ? null : engine.trim(), new Preferences(prefs, prefsPath), entry, path);
    }

    private Optional<List<ModelEntry>> parseModels(ObjectNode entry, String path, NodeReader reader) {
        JsonNode node = entry.get("model");
        String modelPath = child(path, "model");
        if (node == null || node.isNull() || (node.isArray() && node.isEmpty())) {
            return Optional.empty();
        }
        List<ModelEntry> out = new ArrayList<>();
        if (node.isValueNode()) {
            out.add(new ModelEntry(node.asText(), node.asText()));
            return Optional.of(out);
        }
        if (!node.isArray()) {
            reader.problem(modelPath, describe(node) + " (expected a list of model names or 'upstream-name: alias' items)");
            return Optional.empty();
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String itemPath = index(modelPath, i);
            if (item.isValueNode() && !item.isNull() && !item.asText().isBlank()) {
                out.add(new ModelEntry(item.asText().trim(), item.asText().trim()));
            } else if (item.isObject() && !item.isEmpty()) {
                item.fields().forEachRemaining(rename -> {
                    JsonNode alias = rename.getValue();
                    if (alias.isValueNode() && !alias.isNull() && !alias.asText().isBlank()) {
                        out.add(new ModelEntry(rename.getKey().trim(), alias.asText().trim()));
                    } else {
                        reader.problem(child(itemPath, rename.getKey()), describe(alias)
                                + " (expected the alias clients use, as in '- upstream-name: alias')");
                    }
                });
            } else {
                reader.problem(itemPath, describe(item) + " (expected a model name or 'upstream-name: alias')");
            }
        }
        return Optional.of(List.copyOf(out));
    }

    private List<ClientKeyConfig> parseClientKeys(ObjectNode top, NodeReader reader) {
        JsonNode list = top.get("api_keys");
        List<ClientKeyConfig> out = new ArrayList<>();
        if (list == null || list.isNull() || (list.isArray() && list.isEmpty())) {
            reader.problem("api_keys", "missing (at least one client key is required, e.g. '- api: sk-...')");
            return out;
        }
        if (!list.isArray()) {
            reader.problem("api_keys", describe(list) + " (expected a list of client keys)");
            return out;
        }
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String path = index("api_keys", i);
            JsonNode item = list.get(i);
            if (!(item instanceof ObjectNode entry)) {
                reader.problem(path, describe(item) + " (expected a mapping with 'api')");
                continue;
            }
            ConfigKeys.check(ConfigKeys.Section.CLIENT_KEY, entry, path, reader);
            if (!entry.has("api") && entry.has("key")) {
                reader.problem(child(path, "api"), "missing (required; found 'key': the client key is written 'api: sk-...')");
                continue;
            }
            String api = reader.requiredString(entry, "api", path);
            String role = reader.optionalString(entry, "role", path);
            List<ModelRule> rules = parseRules(entry, path, reader);
            ObjectNode prefs = reader.object(entry, "preferences", path);
            ConfigKeys.check(ConfigKeys.Section.CLIENT_KEY_PREFERENCES, prefs, child(path, "preferences"), reader);
            if (api == null) {
                continue;
            }
            String previous = seen.putIfAbsent(api, path);
            if (previous != null) {
                reader.problem(child(path, "api"), "the same key is already defined at " + previous);
            }
            out.add(new ClientKeyConfig(api.trim(), role, rules,
                    new Preferences(prefs, child(path, "preferences")), path));
        }
        return out;
    }

    private List<ModelRule> parseRules(ObjectNode entry, String path, NodeReader reader) {
        JsonNode node = entry.get("model");
        String rulesPath = child(path, "model");
        List<ModelRule> rules = new ArrayList<>();
        if (node == null || node.isNull() || (node.isArray() && node.isEmpty())) {
            return List.of(ModelRule.parse("all"));
        }
        if (node.isValueNode()) {
            return List.of(ModelRule.parse(node.asText()));
        }
        if (!node.isArray()) {
            reader.problem(rulesPath, describe(node) + " (expected a list of rules such as 'all', 'openai/*', 'gpt-4o')");
            return rules;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String itemPath = index(rulesPath, i);
            if (item.isValueNode() && !item.isNull() && !item.asText().isBlank()) {
                rules.add(ModelRule.parse(item.asText()));
            } else if (item.isObject() && item.size() == 1) {
                var weighted = item.fields().next();
                JsonNode weight = weighted.getValue();
                if (weight.canConvertToInt() && weight.isIntegralNumber() && weight.intValue() > 0) {
                    rules.add(ModelRule.parse(weighted.getKey(), weight.intValue()));
                } else {
                    reader.problem(child(itemPath, ModelRule.parse(weighted.getKey()).toString()), describe(weight)
                            + " (expected a positive whole-number weight, as in '- openai/*: 5')");
                }
            } else {
                reader.problem(itemPath, describe(item) + " (expected a rule such as 'openai/*' or 'openai/*: 5')");
            }
        }
        return List.copyOf(rules);
    }
}
