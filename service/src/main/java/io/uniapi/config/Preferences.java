package io.uniapi.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;

/**
 * A {@code preferences:} mapping as written (global, per provider or per client key), with the path it came from
 * so that the concern that interprets a key can report problems precisely. Each concern compiles the keys it
 * owns into its own typed values when the snapshot is built.
 */
public final class Preferences {
    private static final Preferences EMPTY = new Preferences(JsonNodeFactory.instance.objectNode(), "preferences");

    private final ObjectNode values;
    private final String path;

    public Preferences(ObjectNode values, String path) {
        this.values = values;
        this.path = path;
    }

    public static Preferences empty() {
        return EMPTY;
    }

    /** The raw value of {@code key}, or null. */
    public JsonNode get(String key) {
        JsonNode node = values.get(key);
        return node == null || node.isNull() ? null : node;
    }

    public boolean has(String key) {
        return get(key) != null;
    }

    public String path() {
        return path;
    }

    public String pathOf(String key) {
        return NodeReader.child(path, key);
    }

    public Iterator<String> keys() {
        return values.fieldNames();
    }

    /** Structural equality, used to tell which parts of a reload changed. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Preferences other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }
}
