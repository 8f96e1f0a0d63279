package io.uniapi.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code api_keys[].preferences.SCHEDULING_ALGORITHM}: where each request starts in a key's candidate channels.
 * {@code smart_round_robin} needs per-key success statistics this version does not keep yet; it behaves as
 * {@code round_robin}.
 */
public enum SchedulingAlgorithm {
    FIXED_PRIORITY, ROUND_ROBIN, RANDOM, WEIGHTED_ROUND_ROBIN, LOTTERY, SMART_ROUND_ROBIN;

    /** @throws IllegalArgumentException {@code value (expected …)} */
    public static SchedulingAlgorithm parse(JsonNode node) {
        return parse(node, values());
    }

    static <E extends Enum<E>> E parse(JsonNode node, E[] values) {
        String text = node.asText().trim().toLowerCase(Locale.ROOT);
        for (E value : values) {
            if (value.name().toLowerCase(Locale.ROOT).equals(text)) {
                return value;
            }
        }
        throw new IllegalArgumentException(NodeReader.describe(node) + " (expected one of "
                + Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")) + ")");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
