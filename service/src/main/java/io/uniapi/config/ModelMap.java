package io.uniapi.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A value chosen by model name, as uni-api's per-model preferences are written: either one value for every model
 * ({@code 30}, {@code "15/min"}) or a mapping {@code {model-or-part: value, default: value}}. Lookup: an entry whose key
 * equals the model, else the first entry (in file order) whose key is contained in the model, else {@code default}.
 * Both comparisons ignore case (uni-api compares substrings without case for timeouts but with case for rate limits;
 * one rule for all is easier to predict).
 *
 * @param <T> the value type, e.g. {@link java.time.Duration} or {@code limits.RateLimit}
 */
public final class ModelMap<T> {
    private final List<Map.Entry<String, T>> entries;
    private final T fallback;

    private ModelMap(List<Map.Entry<String, T>> entries, T fallback) {
        this.entries = List.copyOf(entries);
        this.fallback = fallback;
    }

    /** The same value for every model. */
    public static <T> ModelMap<T> of(T value) {
        return new ModelMap<>(List.of(), value);
    }

    /**
     * Reads a scalar (one value for all models) or a mapping of model names to values.
     *
     * @param value parses one scalar; throws {@link IllegalArgumentException} whose message is
     *              {@code value (expected …)}
     * @throws ConfigException naming the path of every value that does not parse
     */
    public static <T> ModelMap<T> parse(JsonNode node, String path, Function<JsonNode, T> value) throws ConfigException {
        if (node.isValueNode()) {
            return of(parseOne(node, path, value));
        }
        if (!node.isObject()) {
            throw new ConfigException(path, NodeReader.describe(node)
                    + " (expected one value, or a mapping of model names to values with an optional 'default')");
        }
        List<Map.Entry<String, T>> entries = new ArrayList<>();
        T fallback = null;
        List<ConfigProblem> problems = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            try {
                T parsed = parseOne(field.getValue(), NodeReader.child(path, field.getKey()), value);
                if (field.getKey().equals("default")) {
                    fallback = parsed;
                } else {
                    entries.add(Map.entry(field.getKey(), parsed));
                }
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new ModelMap<>(entries, fallback);
    }

    private static <T> T parseOne(JsonNode node, String path, Function<JsonNode, T> value) throws ConfigException {
        if (!node.isValueNode() || node.isNull()) {
            throw new ConfigException(path, NodeReader.describe(node) + " (expected a single value)");
        }
        try {
            return value.apply(node);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(path, e.getMessage());
        }
    }

    /** The value for {@code model} (exact, then substring, then default), or null when nothing matches. */
    public T get(String model) {
        T specific = specific(model);
        return specific != null ? specific : fallback;
    }

    /** The value of an exact or substring entry for {@code model}, ignoring {@code default}; or null. */
    public T specific(String model) {
        if (model == null || entries.isEmpty()) {
            return null;
        }
        for (Map.Entry<String, T> entry : entries) {
            if (entry.getKey().equalsIgnoreCase(model)) {
                return entry.getValue();
            }
        }
        for (Map.Entry<String, T> entry : entries) {
            if (containsIgnoreCase(model, entry.getKey())) {
                return entry.getValue();
            }
        }
        return null;
    }

    /** The {@code default} value (or the single value), or null. */
    public T fallback() {
        return fallback;
    }

    private static boolean containsIgnoreCase(String text, String part) {
        int last = text.length() - part.length();
        for (int i = 0; i <= last; i++) {
            if (text.regionMatches(true, i, part, 0, part.length())) {
                return true;
            }
        }
        return false;
    }

    /** The map in {@code api.yaml}'s shape, each value by its own {@code toString}. */
    @Override
    public String toString() {
        if (entries.isEmpty()) {
            return String.valueOf(fallback);
        }
        StringBuilder out = new StringBuilder("{");
        for (Map.Entry<String, T> entry : entries) {
            out.append(out.length() > 1 ? ", " : "").append(entry.getKey()).append(": ").append(entry.getValue());
        }
        if (fallback != null) {
            out.append(", default: ").append(fallback);
        }
        return out.append('}').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelMap<?> other && entries.equals(other.entries) && java.util.Objects.equals(fallback, other.fallback);
    }

    @Override
    public int hashCode() {
        return entries.hashCode() * 31 + java.util.Objects.hashCode(fallback);
    }
}
