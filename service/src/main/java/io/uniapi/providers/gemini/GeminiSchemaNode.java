package io.uniapi.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The rewrites of one schema node (its children already cleaned by {@link GeminiSchemas}) that Gemini needs:
 * nullable instead of null types, string-only enums, its few formats, non-empty {@code properties} with only
 * declared {@code required} names, and {@code anyOf} without null branches.
 */
final class GeminiSchemaNode {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Map<String, Set<String>> FORMATS = Map.of(
            "string", Set.of("enum", "date-time"),
            "number", Set.of("float", "double"),
            "integer", Set.of("int32", "int64"));

    private GeminiSchemaNode() {
    }

    static void normalise(ObjectNode out) {
        fixType(out);
        fixEnum(out);
        fixFormat(out);
        fixProperties(out);
        collapseAnyOf(out);
    }

    static String typeOf(ObjectNode schema) {
        return schema.path("type").asText("").toLowerCase(Locale.ROOT);
    }

    /** {@code type: ["string", "null"]} → {@code type: string, nullable: true}; several types → {@code anyOf}. */
    private static void fixType(ObjectNode out) {
        JsonNode type = out.get("type");
        if (type == null) {
            if (out.has("properties")) {
                out.put("type", "object");
            } else if (out.has("items")) {
                out.put("type", "array");
            }
            return;
        }
        if (type.isTextual()) {
            if (type.textValue().equalsIgnoreCase("null")) {
                out.remove("type");
                out.put("nullable", true);
            }
            return;
        }
        out.remove("type");
        if (!type.isArray()) {
            return;
        }
        List<String> types = new ArrayList<>();
        for (JsonNode t : type) {
            if (t.asText().equalsIgnoreCase("null")) {
                out.put("nullable", true);
            } else if (t.isTextual()) {
                types.add(t.textValue());
            }
        }
        if (types.size() == 1) {
            out.put("type", types.get(0));
        } else if (types.size() > 1 && !out.has("anyOf")) {
            ArrayNode anyOf = out.putArray("anyOf");
            types.forEach(t -> anyOf.addObject().put("type", t));
        }
    }

    /** Gemini enums are strings; other values (numbers, booleans) are explained in the description instead. */
    private static void fixEnum(ObjectNode out) {
        JsonNode values = out.get("enum");
        if (values == null) {
            return;
        }
        if (!values.isArray()) {
            out.remove("enum");
            return;
        }
        ArrayNode strings = JSON.arrayNode();
        List<String> others = new ArrayList<>();
        for (JsonNode value : values) {
            if (value.isNull()) {
                out.put("nullable", true);
            } else if (value.isTextual()) {
                strings.add(value);
            } else {
                others.add(value.toString());
            }
        }
        boolean stringType = !out.has("type") || "string".equals(typeOf(out));
        if (others.isEmpty() && stringType && !strings.isEmpty()) {
            out.set("enum", strings);
            if (!out.has("type")) {
                out.put("type", "string");
            }
            return;
        }
        out.remove("enum");
        List<String> all = new ArrayList<>();
        strings.forEach(s -> all.add(s.textValue()));
        all.addAll(others);
        if (!all.isEmpty()) {
            String description = out.path("description").asText("");
            String allowed = "Allowed values: " + String.join(", ", all);
            out.put("description", description.isEmpty() ? allowed : description + "\n" + allowed);
        }
    }

    private static void fixFormat(ObjectNode out) {
        JsonNode format = out.get("format");
        if (format == null) {
            return;
        }
        Set<String> allowed = FORMATS.getOrDefault(typeOf(out), Set.of());
        if (!format.isTextual() || !allowed.contains(format.textValue())) {
            out.remove("format");
        }
    }

    /** Empty {@code properties} are rejected for OBJECT; {@code required} may name only declared properties. */
    private static void fixProperties(ObjectNode out) {
        JsonNode properties = out.get("properties");
        if (properties != null && (!properties.isObject() || properties.isEmpty())) {
            out.remove("properties");
            properties = null;
        }
        JsonNode required = out.get("required");
        if (required == null) {
            return;
        }
        ArrayNode kept = JSON.arrayNode();
        for (JsonNode name : required) {
            if (properties != null && properties.has(name.asText())) {
                kept.add(name);
            }
        }
        if (kept.isEmpty()) {
            out.remove("required");
        } else {
            out.set("required", kept);
        }
    }

    /** Null branches become {@code nullable}; a single remaining branch is merged into its parent. */
    private static void collapseAnyOf(ObjectNode out) {
        JsonNode anyOf = out.get("anyOf");
        if (anyOf == null) {
            return;
        }
        ArrayNode kept = JSON.arrayNode();
        for (JsonNode branch : anyOf) {
            boolean nullOnly = branch.size() == 1 && branch.path("nullable").asBoolean(false);
            if (nullOnly || branch.isEmpty()) {
                out.put("nullable", true);
            } else {
                kept.add(branch);
            }
        }
        out.remove("anyOf");
        if (kept.size() == 1) {
            kept.get(0).fields().forEachRemaining(f -> {
                if (!out.has(f.getKey())) {
                    out.set(f.getKey(), f.getValue());
                }
            });
        } else if (kept.size() > 1) {
            out.set("anyOf", kept);
        }
    }

}
