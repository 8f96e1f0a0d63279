package io.uniapi.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One {@code __remove__} entry of {@code post_body_parameter_overrides}: a top-level field name, or
 * {@code {path: "a.b", where: {k: v}, where_any: [{…}], drop_empty: true}}. Without a condition the field at
 * {@code path} is deleted; with one, list items at {@code path} that match are removed (or the value itself, when it
 * is not a list and matches), and {@code drop_empty} deletes a list that this emptied.
 */
record RemovalRule(List<String> path, List<ObjectNode> anyOf, boolean dropEmpty) {

    static RemovalRule parse(JsonNode node) {
        if (node.isTextual() && !node.textValue().isBlank()) {
            return new RemovalRule(List.of(node.textValue().trim()), List.of(), false);
        }
        if (!(node instanceof ObjectNode rule)) {
            throw new IllegalArgumentException(NodeReader.describe(node)
                    + " (expected a field name, or {path: a.b, where: {key: value}, drop_empty: true})");
        }
        JsonNode path = rule.get("path");
        if (path == null || !path.isTextual() || path.textValue().isBlank()) {
            throw new IllegalArgumentException("a removal rule needs 'path' (a field name, dotted for nested fields)");
        }
        List<ObjectNode> anyOf = new ArrayList<>();
        JsonNode where = rule.get("where");
        if (where != null && !where.isNull()) {
            anyOf.add(condition(where, "where"));
        }
        JsonNode whereAny = rule.get("where_any");
        if (whereAny != null && !whereAny.isNull()) {
            if (!whereAny.isArray()) {
                throw new IllegalArgumentException("'where_any' must be a list of {key: value} conditions");
            }
            whereAny.forEach(condition -> anyOf.add(condition(condition, "where_any[]")));
        }
        return new RemovalRule(List.of(path.textValue().trim().split("\\.")), List.copyOf(anyOf),
                rule.path("drop_empty").asBoolean(false));
    }

    private static ObjectNode condition(JsonNode node, String name) {
        if (node instanceof ObjectNode object && !object.isEmpty()) {
            return object;
        }
        throw new IllegalArgumentException("'" + name + "' must be a mapping such as {type: web_search}");
    }

    void apply(ObjectNode body) {
        ObjectNode parent = body;
        for (int i = 0; i < path.size() - 1; i++) {
            JsonNode next = parent.get(path.get(i));
            if (!(next instanceof ObjectNode object)) {
                return;
            }
            // Copy on the way down: nested objects may still be shared with the client's body.
            ObjectNode copy = object.deepCopy();
            parent.set(path.get(i), copy);
            parent = copy;
        }
        String field = path.get(path.size() - 1);
        JsonNode value = parent.get(field);
        if (value == null) {
            return;
        }
        if (anyOf.isEmpty()) {
            parent.remove(field);
        } else if (value instanceof ArrayNode list) {
            ArrayNode kept = list.arrayNode();
            list.forEach(item -> {
                if (!matches(item)) {
                    kept.add(item);
                }
            });
            if (kept.isEmpty() && dropEmpty) {
                parent.remove(field);
            } else {
                parent.set(field, kept);
            }
        } else if (matches(value)) {
            parent.remove(field);
        }
    }

    private boolean matches(JsonNode item) {
        for (ObjectNode condition : anyOf) {
            if (matchesAll(item, condition)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesAll(JsonNode item, ObjectNode condition) {
        Iterator<Map.Entry<String, JsonNode>> fields = condition.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode actual = item.get(field.getKey());
            if (actual == null || !sameValue(actual, field.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** YAML may write {@code 1} where the body has {@code 1.0}, or {@code "true"} for {@code true}: compare as text. */
    private static boolean sameValue(JsonNode actual, JsonNode expected) {
        if (actual.isValueNode() && expected.isValueNode()) {
            return actual.equals(expected) || actual.asText().equals(expected.asText());
        }
        return actual.equals(expected);
    }
}
