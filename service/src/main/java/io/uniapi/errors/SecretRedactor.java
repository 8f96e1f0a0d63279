package io.uniapi.errors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.Collection;

/** Removes known secrets from text that may echo them (upstream error bodies, exception messages). */
public final class SecretRedactor {
    private static final int SHORTEST_SECRET = 6;

    private SecretRedactor() {
    }

    public static String redact(String text, Collection<String> secrets) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : secrets) {
            if (secret != null && secret.length() >= SHORTEST_SECRET && out.contains(secret)) {
                out = out.replace(secret, mask(secret));
            }
        }
        return out;
    }

    /** A copy of {@code node} with every string in it, at any depth, redacted (an error object may echo a key anywhere). */
    public static ObjectNode redact(ObjectNode node, Collection<String> secrets) {
        ObjectNode copy = node.deepCopy();
        redactStrings(copy, secrets);
        return copy;
    }

    private static void redactStrings(JsonNode node, Collection<String> secrets) {
        if (node instanceof ObjectNode object) {
            object.fields().forEachRemaining(field -> {
                if (field.getValue().isTextual()) {
                    field.setValue(TextNode.valueOf(redact(field.getValue().textValue(), secrets)));
                } else {
                    redactStrings(field.getValue(), secrets);
                }
            });
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isTextual()) {
                    array.set(i, TextNode.valueOf(redact(array.get(i).textValue(), secrets)));
                } else {
                    redactStrings(array.get(i), secrets);
                }
            }
        }
    }

    /** A recognisable but useless form of a secret: {@code sk-a…wxyz}. */
    public static String mask(String secret) {
        if (secret == null || secret.length() < 12) {
            return "***";
        }
        return secret.substring(0, 4) + "…" + secret.substring(secret.length() - 4);
    }
}
