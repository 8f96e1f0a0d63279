package io.uniapi.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites a JSON Schema (as OpenAI clients write tool parameters and {@code response_format} schemas) into the
 * OpenAPI subset Gemini's {@code Schema} accepts. Gemini answers 400 ("Unknown name ... Cannot find field") for any
 * other key, so everything outside {@link #KEPT} is dropped or rewritten into something it accepts:
 * local {@code $ref}s are inlined, {@code type: [x, "null"]} and null branches become {@code nullable},
 * {@code oneOf} becomes {@code anyOf}, {@code allOf} is merged, {@code const} becomes a one-value {@code enum},
 * and {@code default} moves into the description as uni-api does ({@code "\nDefault: 5"}).
 */
final class GeminiSchemas {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** Keys of Gemini's Schema object that are passed through (after cleaning their values). */
    static final Set<String> KEPT = Set.of("type", "format", "title", "description", "nullable", "enum", "maxItems",
            "minItems", "properties", "required", "minProperties", "maxProperties", "minLength", "maxLength",
            "pattern", "example", "anyOf", "propertyOrdering", "items", "minimum", "maximum");
    private static final int MAX_REF_DEPTH = 8;

    private GeminiSchemas() {
    }

    /**
     * The parameters of a function declaration, or null when the function takes none (Gemini rejects an OBJECT
     * with empty {@code properties}, so such declarations carry no {@code parameters} at all).
     */
    static ObjectNode parameters(JsonNode schema) {
        if (schema == null || !schema.isObject()) {
            return null;
        }
        ObjectNode cleaned = clean(schema);
        boolean noProperties = !cleaned.has("properties") && !cleaned.has("anyOf");
        return noProperties && "object".equals(typeOf(cleaned)) ? null : cleaned;
    }

    /** Any JSON Schema as a Gemini Schema. */
    static ObjectNode clean(JsonNode schema) {
        return clean(schema, definitions(schema), 0);
    }

    private static ObjectNode clean(JsonNode schema, JsonNode definitions, int depth) {
        ObjectNode out = JSON.objectNode();
        if (schema == null || !schema.isObject()) {
            return out;
        }
        JsonNode ref = schema.get("$ref");
        if (ref != null && ref.isTextual()) {
            JsonNode target = resolve(ref.textValue(), definitions);
            if (target == null || depth >= MAX_REF_DEPTH) {
                // An unknown or recursive reference: describe it rather than fail the whole request.
                out.put("type", "object");
            } else {
                out.setAll(clean(target, definitions, depth + 1));
            }
        }
        mergeAllOf(schema, definitions, depth, out);
        Iterator<Map.Entry<String, JsonNode>> fields = schema.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            copy(field.getKey(), field.getValue(), definitions, depth, out);
        }
        moveDefaultIntoDescription(schema, out);
        GeminiSchemaNode.normalise(out);
        return out;
    }

    private static void copy(String key, JsonNode value, JsonNode definitions, int depth, ObjectNode out) {
        switch (key) {
            case "properties" -> {
                if (value.isObject()) {
                    ObjectNode properties = out.has("properties") && out.get("properties").isObject()
                            ? (ObjectNode) out.get("properties") : out.putObject("properties");
                    value.fields().forEachRemaining(p -> properties.set(p.getKey(), clean(p.getValue(), definitions, depth)));
                }
            }
            case "items" -> {
                JsonNode items = value.isArray() && !value.isEmpty() ? value.get(0) : value;
                if (items.isObject()) {
                    out.set("items", clean(items, definitions, depth));
                }
            }
            case "anyOf", "oneOf" -> {
                if (value.isArray()) {
                    ArrayNode branches = out.has("anyOf") ? (ArrayNode) out.get("anyOf") : out.putArray("anyOf");
                    value.forEach(branch -> branches.add(clean(branch, definitions, depth)));
                }
            }
            case "const" -> {
                if (!out.has("enum") && value.isValueNode()) {
                    out.putArray("enum").add(value);
                }
            }
            case "examples" -> {
                if (!out.has("example") && value.isArray() && !value.isEmpty()) {
                    out.set("example", value.get(0));
                }
            }
            case "required" -> {
                if (value.isArray()) {
                    ArrayNode required = out.has("required") ? (ArrayNode) out.get("required") : out.putArray("required");
                    value.forEach(name -> {
                        if (name.isTextual() && !contains(required, name.textValue())) {
                            required.add(name.textValue());
                        }
                    });
                }
            }
            default -> {
                if (KEPT.contains(key) && !value.isNull()) {
                    out.set(key, value.deepCopy());
                }
            }
        }
    }

    private static void mergeAllOf(JsonNode schema, JsonNode definitions, int depth, ObjectNode out) {
        JsonNode allOf = schema.get("allOf");
        if (allOf == null || !allOf.isArray()) {
            return;
        }
        for (JsonNode part : allOf) {
            ObjectNode cleaned = clean(part, definitions, depth);
            cleaned.fields().forEachRemaining(f -> {
                if (f.getKey().equals("properties") || f.getKey().equals("required")) {
                    copy(f.getKey(), f.getValue(), JSON.objectNode(), depth, out);
                } else if (!out.has(f.getKey())) {
                    out.set(f.getKey(), f.getValue());
                }
            });
        }
    }

    private static void moveDefaultIntoDescription(JsonNode schema, ObjectNode out) {
        JsonNode value = schema.get("default");
        if (value == null || value.isNull()) {
            return;
        }
        String shown = value.isTextual() ? value.textValue() : value.toString();
        String description = out.path("description").asText("");
        out.put("description", description.isEmpty() ? "Default: " + shown : description + "\nDefault: " + shown);
    }

    private static JsonNode definitions(JsonNode schema) {
        ObjectNode all = JSON.objectNode();
        if (schema != null && schema.isObject()) {
            for (String key : List.of("definitions", "$defs")) {
                JsonNode defs = schema.get(key);
                if (defs != null && defs.isObject()) {
                    all.setAll((ObjectNode) defs);
                }
            }
        }
        return all;
    }

    private static JsonNode resolve(String ref, JsonNode definitions) {
        for (String prefix : List.of("#/$defs/", "#/definitions/")) {
            if (ref.startsWith(prefix)) {
                return definitions.get(ref.substring(prefix.length()));
            }
        }
        return null;
    }

    private static String typeOf(ObjectNode schema) {
        return GeminiSchemaNode.typeOf(schema);
    }

    private static boolean contains(ArrayNode array, String value) {
        for (JsonNode node : array) {
            if (value.equals(node.asText())) {
                return true;
            }
        }
        return false;
    }
}
