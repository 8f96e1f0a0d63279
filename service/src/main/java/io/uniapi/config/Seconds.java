package io.uniapi.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * A duration written as a number of seconds, as every period and timeout of {@code api.yaml} is ({@code 300},
 * {@code 1.5}, {@code "60"}). Zero is allowed (it disables cooldowns); negative numbers are not.
 */
public final class Seconds {
    private Seconds() {
    }

    /** @throws IllegalArgumentException {@code value (expected …)} */
    public static Duration parse(JsonNode node) {
        String text = node.asText().trim();
        try {
            BigDecimal seconds = new BigDecimal(text);
            if (seconds.signum() < 0 || !node.isValueNode() || node.isBoolean()) {
                throw new NumberFormatException();
            }
            return Duration.ofMillis(seconds.movePointRight(3).longValue());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(NodeReader.describe(node) + " (expected a number of seconds, e.g. 30 or 1.5)");
        }
    }

    /** How a duration is written back: {@code 30s}, {@code 1.5s}. */
    public static String format(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis()).movePointLeft(3).stripTrailingZeros().toPlainString() + "s";
    }
}
