package io.uniapi.state;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Deadlines keyed by (provider, name): "until when is this cooling down / benched / open". Two map levels so that a
 * lookup allocates nothing; expired entries are dropped when met. Thread-safe, lock-free.
 */
final class Expiries {
    private final Clock clock;
    private final ConcurrentMap<String, ConcurrentMap<String, Long>> byProvider = new ConcurrentHashMap<>();

    Expiries(Clock clock) {
        this.clock = clock;
    }

    /** Sets (or extends) the deadline of {@code (provider, name)} to now + {@code period}. */
    void start(String provider, String name, Duration period) {
        long until = clock.millis() + period.toMillis();
        byProvider.computeIfAbsent(provider, p -> new ConcurrentHashMap<>()).merge(name, until, Math::max);
    }

    boolean active(String provider, String name) {
        return remaining(provider, name) > 0;
    }

    /** Milliseconds until {@code (provider, name)} ends, 0 when it is not active. */
    long remaining(String provider, String name) {
        ConcurrentMap<String, Long> names = byProvider.get(provider);
        if (names == null) {
            return 0;
        }
        Long until = names.get(name);
        if (until == null) {
            return 0;
        }
        long left = until - clock.millis();
        if (left <= 0) {
            names.remove(name, until);
            return 0;
        }
        return left;
    }

    void clear(String provider, String name) {
        ConcurrentMap<String, Long> names = byProvider.get(provider);
        if (names != null) {
            names.remove(name);
        }
    }

    /** How many entries of {@code provider} are active now. */
    int activeCount(String provider) {
        ConcurrentMap<String, Long> names = byProvider.get(provider);
        if (names == null) {
            return 0;
        }
        long now = clock.millis();
        names.values().removeIf(until -> until <= now);
        return names.size();
    }
}
