package io.uniapi.credits;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A key's prepaid balance: {@code preferences.credits} (USD) spent since {@code preferences.created_at}, or, without
 * {@code created_at}, over the last 30 days (uni-api recomputes its default window on every check, so it rolls).
 *
 * @param createdAt start of the spend window, or null for the rolling 30-day window
 */
public record CreditLimit(double credits, Instant createdAt) {
    static final Duration DEFAULT_WINDOW = Duration.ofDays(30);

    public Instant windowStart(Instant now) {
        return createdAt != null ? createdAt : now.minus(DEFAULT_WINDOW);
    }

    /**
     * Parses {@code created_at} as YAML writes timestamps: {@code 2024-01-01T00:00:00+08:00}, with a space instead
     * of {@code T}, without an offset (UTC), a plain date (midnight UTC), or epoch seconds.
     */
    public static Instant parseCreatedAt(String text) {
        String value = text.trim();
        if (value.matches("\\d{9,11}(\\.\\d+)?")) {
            return Instant.ofEpochMilli((long) (Double.parseDouble(value) * 1000));
        }
        String iso = value.length() > 10 && value.charAt(10) == ' ' ? value.substring(0, 10) + "T" + value.substring(11) : value;
        iso = iso.replace(" ", "");
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException ignored) {
            // try the forms without an offset
        }
        try {
            return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // try a plain date
        }
        try {
            return LocalDate.parse(iso).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' (expected a timestamp such as 2024-01-01T00:00:00+08:00)");
        }
    }
}
