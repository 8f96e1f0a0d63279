package io.uniapi.api;

import io.uniapi.errors.InvalidRequestException;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The period of a {@code /v1/token_usage} query (reference §7.3): {@code last_n_days}, or
 * {@code start_datetime} / {@code end_datetime} (ISO-8601, or unix seconds), or by default the last 30 days. An end
 * given as a plain date includes that whole day (uni-api adds a day to every end bound, which makes an end given
 * with a time of day overshoot by 24 hours: we add it only to plain dates).
 *
 * @param from  inclusive start, or null for no bound
 * @param until exclusive end, or null for no bound
 */
record UsageWindow(Instant from, Instant until) {
    private static final Duration DEFAULT = Duration.ofDays(30);

    static UsageWindow parse(String lastNDays, String start, String end, Instant now) {
        boolean hasRange = notBlank(start) || notBlank(end);
        if (notBlank(lastNDays)) {
            if (hasRange) {
                throw new InvalidRequestException("invalid_value", "last_n_days",
                        "Cannot use last_n_days with start_datetime or end_datetime.");
            }
            long days = days(lastNDays);
            return new UsageWindow(now.minus(Duration.ofDays(days)), now);
        }
        if (hasRange) {
            Instant from = notBlank(start) ? instant(start, "start_datetime", false) : null;
            Instant until = notBlank(end) ? instant(end, "end_datetime", true) : null;
            if (from != null && until != null && until.isBefore(from)) {
                throw new InvalidRequestException("invalid_value", "end_datetime",
                        "end_datetime cannot be before start_datetime.");
            }
            return new UsageWindow(from, until);
        }
        return new UsageWindow(now.minus(DEFAULT), now);
    }

    private static long days(String value) {
        try {
            long days = Long.parseLong(value.trim());
            if (days > 0 && days <= 36_500) {
                return days;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new InvalidRequestException("invalid_value", "last_n_days", "last_n_days must be a positive number of days.");
    }

    private static Instant instant(String text, String param, boolean end) {
        String value = text.trim();
        try {
            if (value.matches("-?\\d+(\\.\\d+)?")) {
                return Instant.ofEpochMilli((long) (Double.parseDouble(value) * 1000));
            }
            if (value.length() == 10) {
                Instant day = LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
                return end ? day.plus(Duration.ofDays(1)) : day;
            }
            String iso = value.endsWith("Z") || value.endsWith("z") ? value.substring(0, value.length() - 1) + "+00:00" : value;
            try {
                return OffsetDateTime.parse(iso).toInstant();
            } catch (DateTimeParseException e) {
                return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new InvalidRequestException("invalid_value", param, "Invalid datetime format: " + text
                    + ". Use ISO 8601 (YYYY-MM-DDTHH:MM:SSZ) or Unix timestamp.");
        }
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }
}
