package io.uniapi.config;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code AUTO_RETRY}: {@code true} (the default: the computed retry budget), {@code false} (one attempt), or a whole
 * number N meaning at most N attempts in all (uni-api reads the number as a truth value; reference bug §10.10, fixed).
 *
 * @param maxAttempts the cap on attempts, or 0 when the computed budget applies
 */
public record AutoRetry(boolean enabled, int maxAttempts) {
    public static final AutoRetry DEFAULT = new AutoRetry(true, 0);

    /** @throws IllegalArgumentException {@code value (expected …)} */
    public static AutoRetry parse(JsonNode node) {
        if (node.isBoolean()) {
            return node.booleanValue() ? DEFAULT : new AutoRetry(false, 1);
        }
        String text = node.asText().trim().toLowerCase(java.util.Locale.ROOT);
        if (text.equals("true") || text.equals("false")) {
            return text.equals("true") ? DEFAULT : new AutoRetry(false, 1);
        }
        if (node.isIntegralNumber() || text.matches("\\d{1,4}")) {
            int attempts = Integer.parseInt(text);
            return attempts <= 1 ? new AutoRetry(false, 1) : new AutoRetry(true, attempts);
        }
        throw new IllegalArgumentException(NodeReader.describe(node)
                + " (expected true, false or a whole number of attempts such as 3)");
    }

    @Override
    public String toString() {
        return maxAttempts == 0 ? String.valueOf(enabled) : String.valueOf(maxAttempts);
    }
}
