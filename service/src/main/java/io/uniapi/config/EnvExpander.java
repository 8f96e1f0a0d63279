package io.uniapi.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands {@code ${VAR}} and {@code ${VAR:-default}} in every string of a parsed YAML tree, as uni-api does, and
 * also in mapping keys (e.g. {@code - ${UPSTREAM_MODEL}: alias}), which uni-api leaves alone. A variable that is
 * unset and has no default becomes the empty string; the default also applies when the variable is set but empty,
 * as in a shell. Expansion works on parsed strings, not on the file text, so a value containing {@code ": "} or
 * quotes cannot break the YAML around it.
 */
public final class EnvExpander {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private final UnaryOperator<String> environment;

    public EnvExpander(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    public static EnvExpander fromSystemEnvironment() {
        return new EnvExpander(System::getenv);
    }

    public String expand(String text) {
        if (text.indexOf("${") < 0) {
            return text;
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = environment.apply(m.group(1));
            if (value == null || (value.isEmpty() && m.group(2) != null)) {
                value = m.group(2) == null ? "" : m.group(2);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Expands in place every string value and every mapping key under {@code node}. */
    public void expandTree(JsonNode node) {
        if (node instanceof ObjectNode object) {
            expandKeys(object);
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getValue().isTextual()) {
                    field.setValue(TextNode.valueOf(expand(field.getValue().textValue())));
                } else {
                    expandTree(field.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isTextual()) {
                    array.set(i, TextNode.valueOf(expand(array.get(i).textValue())));
                } else {
                    expandTree(array.get(i));
                }
            }
        }
    }

    private void expandKeys(ObjectNode object) {
        boolean any = false;
        for (Iterator<String> names = object.fieldNames(); names.hasNext() && !any; ) {
            any = names.next().contains("${");
        }
        if (!any) {
            return;
        }
        Map<String, JsonNode> renamed = new LinkedHashMap<>();
        object.fields().forEachRemaining(field -> renamed.put(expand(field.getKey()), field.getValue()));
        object.removeAll();
        object.setAll(renamed);
    }
}
