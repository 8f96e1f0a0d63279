package io.uniapi.dispatch;

import io.uniapi.routing.Candidate;

import java.time.Duration;

/**
 * How long an attempt may stay silent: before its first byte and between bytes. This version uses the
 * {@code TIMEOUT} environment variable (seconds, default 100) for every attempt, as uni-api's last fallback does.
 */
public final class AttemptTimeouts {
    private final Duration fallback;

    public AttemptTimeouts(Duration fallback) {
        this.fallback = fallback;
    }

    public static AttemptTimeouts fromEnvironment() {
        String value = System.getenv("TIMEOUT");
        try {
            return new AttemptTimeouts(Duration.ofMillis((long) (Double.parseDouble(value) * 1000)));
        } catch (NullPointerException | NumberFormatException e) {
            return new AttemptTimeouts(Duration.ofSeconds(100));
        }
    }

    Duration forAttempt(Candidate candidate) {
        return fallback;
    }
}
