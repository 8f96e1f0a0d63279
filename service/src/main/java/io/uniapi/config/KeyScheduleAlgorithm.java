package io.uniapi.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;

/**
 * {@code providers[].preferences.api_key_schedule_algorithm}: which of a channel's upstream keys an attempt uses.
 * {@code round_robin} (default) continues where the last attempt stopped; {@code fixed_priority} always starts at the
 * first key; {@code random} starts anywhere. Benched and rate-limited keys are passed over in every case.
 * {@code smart_round_robin} behaves as {@code round_robin} in this version (it needs per-key statistics).
 */
public enum KeyScheduleAlgorithm {
    ROUND_ROBIN, RANDOM, FIXED_PRIORITY, SMART_ROUND_ROBIN;

    /** @throws IllegalArgumentException {@code value (expected …)} */
    public static KeyScheduleAlgorithm parse(JsonNode node) {
        return SchedulingAlgorithm.parse(node, values());
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
