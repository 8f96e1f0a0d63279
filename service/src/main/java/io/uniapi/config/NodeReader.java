package io.uniapi.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uniapi.errors.SecretRedactor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads typed values out of a YAML tree, remembering where it is, so that every problem is reported as
 * {@code path: value (expected …)}. Problems are collected, not thrown, so one load reports all of them.
 */
public final class NodeReader {
    private final List<ConfigProblem> problems;
    private final List<ConfigProblem> warnings;
    private final Map<String, List<String>> pendingKeys = new LinkedHashMap<>();

    public NodeReader() {
        this(new ArrayList<>(), new ArrayList<>());
    }

    private NodeReader(List<ConfigProblem> problems, List<ConfigProblem> warnings) {
        this.problems = problems;
        this.warnings = warnings;
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    /** Warnings to log once each: unknown keys where they are, then one line per pending key however often it is used. */
    public List<ConfigProblem> warnings() {
        List<ConfigProblem> all = new ArrayList<>(warnings);
        pendingKeys.forEach((key, paths) -> all.add(new ConfigProblem(paths.get(0),
                "accepted but not acted on by this version (ignored)" + elsewhere(paths))));
        return all;
    }

    /** A valid uni-api key this version does not act on yet ({@code key} names it per section, paths are where it is used). */
    void pending(String key, String path) {
        pendingKeys.computeIfAbsent(key, k -> new ArrayList<>()).add(path);
    }

    private static String elsewhere(List<String> paths) {
        if (paths.size() == 1) {
            return "";
        }
        List<String> more = paths.subList(1, Math.min(paths.size(), 4));
        return "; also at " + String.join(", ", more) + (paths.size() > 4 ? " and " + (paths.size() - 4) + " more" : "");
    }

    public void problem(String path, String reason) {
        problems.add(new ConfigProblem(path, reason));
    }

    public void warn(String path, String reason) {
        warnings.add(new ConfigProblem(path, reason));
    }

    public static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    public static String index(String path, int i) {
        return path + "[" + i + "]";
    }

    /** A scalar as text (numbers and booleans are stringified, as uni-api does); null if absent or null. */
    public String optionalString(JsonNode parent, String key, String path) {
        JsonNode node = parent.get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isValueNode()) {
            return node.asText();
        }
        problem(child(path, key), describe(node) + " (expected a string)");
        return null;
    }

    public String requiredString(JsonNode parent, String key, String path) {
        String value = optionalString(parent, key, path);
        if (value == null && !parent.has(key)) {
            problem(child(path, key), "missing (required)");
        } else if (value != null && value.isBlank()) {
            problem(child(path, key), "is empty (required)");
            return null;
        }
        return value;
    }

    /** A string or a list of strings, as a list; empty if absent. */
    public List<String> stringList(JsonNode parent, String key, String path) {
        JsonNode node = parent.get(key);
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (node.isValueNode()) {
            out.add(node.asText());
            return out;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                if (item.isValueNode() && !item.isNull()) {
                    out.add(item.asText());
                } else {
                    problem(index(child(path, key), i), describe(item) + " (expected a string)");
                }
            }
            return out;
        }
        problem(child(path, key), describe(node) + " (expected a string or a list of strings)");
        return out;
    }

    public Optional<Boolean> optionalBoolean(JsonNode parent, String key, String path) {
        JsonNode node = parent.get(key);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (node.isBoolean()) {
            return Optional.of(node.booleanValue());
        }
        if (node.isTextual()) {
            String text = node.textValue().trim().toLowerCase();
            if (text.equals("true") || text.equals("false")) {
                return Optional.of(Boolean.parseBoolean(text));
            }
        }
        problem(child(path, key), describe(node) + " (expected true or false)");
        return Optional.empty();
    }

    /** A mapping, or an empty one when absent. */
    public ObjectNode object(JsonNode parent, String key, String path) {
        JsonNode node = parent.get(key);
        if (node == null || node.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (node instanceof ObjectNode object) {
            return object;
        }
        problem(child(path, key), describe(node) + " (expected a mapping of key: value)");
        return JsonNodeFactory.instance.objectNode();
    }

    /** Short description of a value for error messages; never echoes long or secret-looking text. */
    public static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isTextual()) {
            String text = node.textValue();
            if (looksLikeSecret(text)) {
                return "'" + SecretRedactor.mask(text) + "'";
            }
            return text.length() > 40 ? "'" + text.substring(0, 37) + "...'" : "'" + text + "'";
        }
        return node.asText();
    }

    /** A key pasted in the wrong place: {@code sk-…}, or a long run of characters with no spaces, dots or slashes. */
    private static boolean looksLikeSecret(String text) {
        return text.startsWith("sk-") || (text.length() >= 24 && text.chars().noneMatch(
                c -> Character.isWhitespace(c) || c == '.' || c == '/'));
    }
}
