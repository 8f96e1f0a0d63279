package io.uniapi.limits;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rate limit as written in {@code api.yaml}: comma-separated {@code N/unit} windows that must all allow a request
 * ({@code 15/min,10/day}), and optionally {@code N/tpr}, the largest estimated prompt (in tokens) one request may
 * carry. Units: {@code s|sec|second}, {@code m|min|minute}, {@code h|hr|hour}, {@code d|day}, {@code mo|month}
 * (30 days), {@code y|year} (365 days), each optionally plural.
 *
 * @param windows         the request windows, in the order written (may be empty when only {@code tpr} is given)
 * @param maxPromptTokens the {@code tpr} cap, or 0 when there is none
 */
public record RateLimit(List<Window> windows, long maxPromptTokens) {
    private static final Pattern PART = Pattern.compile("(\\d+)\\s*/\\s*([a-z]+)");
    private static final String EXPECTED = "(expected windows such as 15/min or 15/min,10/day; units s, min, hour, "
            + "day, month, year, or N/tpr for tokens per request)";

    /** {@code requests} allowed per {@code period}. */
    public record Window(long requests, Duration period) {
        @Override
        public String toString() {
            return requests + "/" + unitName(period);
        }
    }

    public RateLimit {
        windows = List.copyOf(windows);
    }

    /** @throws IllegalArgumentException {@code 'value' (expected …)} */
    public static RateLimit parse(String text) {
        List<Window> windows = new ArrayList<>();
        long tpr = 0;
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("'' " + EXPECTED);
        }
        for (String part : trimmed.toLowerCase(Locale.ROOT).split(",")) {
            Matcher m = PART.matcher(part.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + text + "' " + EXPECTED);
            }
            long n = Long.parseLong(m.group(1));
            if (m.group(2).equals("tpr")) {
                tpr = n;
                continue;
            }
            Duration period = period(m.group(2));
            if (period == null || n <= 0) {
                throw new IllegalArgumentException("'" + text + "' " + EXPECTED);
            }
            windows.add(new Window(n, period));
        }
        return new RateLimit(windows, tpr);
    }

    private static Duration period(String unit) {
        String singular = unit.length() > 1 && unit.endsWith("s") && !unit.equals("s") ? unit.substring(0, unit.length() - 1) : unit;
        return switch (singular) {
            case "s", "sec", "second" -> Duration.ofSeconds(1);
            case "m", "min", "minute" -> Duration.ofMinutes(1);
            case "h", "hr", "hour" -> Duration.ofHours(1);
            case "d", "day" -> Duration.ofDays(1);
            case "mo", "month" -> Duration.ofDays(30);
            case "y", "year" -> Duration.ofDays(365);
            default -> null;
        };
    }

    private static String unitName(Duration period) {
        long seconds = period.toSeconds();
        if (seconds == 1) {
            return "second";
        }
        if (seconds == 60) {
            return "min";
        }
        if (seconds == 3600) {
            return "hour";
        }
        if (seconds == 86_400) {
            return "day";
        }
        if (seconds == 30 * 86_400) {
            return "month";
        }
        return "year";
    }

    /** True when the limit counts requests (false for a {@code tpr}-only limit). */
    public boolean limitsRequests() {
        return !windows.isEmpty();
    }

    /** True when a request whose prompt is estimated at {@code promptTokens} may use this limit's subject. */
    public boolean admitsPrompt(long promptTokens) {
        return maxPromptTokens == 0 || promptTokens <= maxPromptTokens;
    }

    /** The smallest window capacity: what {@code x-ratelimit-limit-requests} reports. */
    public long tightestCapacity() {
        long min = Long.MAX_VALUE;
        for (Window window : windows) {
            min = Math.min(min, window.requests());
        }
        return min;
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        windows.forEach(w -> parts.add(w.toString()));
        if (maxPromptTokens > 0) {
            parts.add(maxPromptTokens + "/tpr");
        }
        return String.join(",", parts);
    }
}
