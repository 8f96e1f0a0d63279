package io.uniapi.state;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The 403/404 circuit of behaviour reference §6.3: when a (provider, upstream model) answers 403 or 404
 * {@code threshold} times within {@code window}, the route is opened (skipped, even when it is the only candidate)
 * for {@code openFor}; any success closes it. Defaults 3 / 120 s / 300 s, from the environment variables
 * {@code PROVIDER_MODEL_CIRCUIT_FAILURE_THRESHOLD}, {@code _WINDOW_SECONDS}, {@code _OPEN_SECONDS}.
 */
public final class RouteCircuit {
    private final Clock clock;
    private final int threshold;
    private final long windowMillis;
    private final long openMillis;
    private final ConcurrentMap<String, ConcurrentMap<String, State>> routes = new ConcurrentHashMap<>();

    public RouteCircuit(Clock clock, int threshold, Duration window, Duration openFor) {
        this.clock = clock;
        this.threshold = Math.max(1, threshold);
        this.windowMillis = window.toMillis();
        this.openMillis = openFor.toMillis();
    }

    public static RouteCircuit fromEnvironment(Clock clock, java.util.function.UnaryOperator<String> environment) {
        return new RouteCircuit(clock, env(environment, "PROVIDER_MODEL_CIRCUIT_FAILURE_THRESHOLD", 3),
                Duration.ofSeconds(env(environment, "PROVIDER_MODEL_CIRCUIT_WINDOW_SECONDS", 120)),
                Duration.ofSeconds(env(environment, "PROVIDER_MODEL_CIRCUIT_OPEN_SECONDS", 300)));
    }

    private static int env(java.util.function.UnaryOperator<String> environment, String name, int fallback) {
        try {
            String value = environment.apply(name);
            return value == null ? fallback : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    public boolean open(String provider, String upstreamModel) {
        ConcurrentMap<String, State> models = routes.get(provider);
        if (models == null) {
            return false;
        }
        State state = models.get(upstreamModel);
        return state != null && state.openUntil(clock.millis()) > 0;
    }

    /** Counts a 403/404 answer; true when this one opened the circuit. */
    public boolean failed(String provider, String upstreamModel) {
        State state = routes.computeIfAbsent(provider, p -> new ConcurrentHashMap<>())
                .computeIfAbsent(upstreamModel, m -> new State());
        return state.failure(clock.millis(), threshold, windowMillis, openMillis);
    }

    public void succeeded(String provider, String upstreamModel) {
        ConcurrentMap<String, State> models = routes.get(provider);
        if (models != null) {
            models.remove(upstreamModel);
        }
    }

    /** Failure times in the window and the end of the open period; tiny and rarely touched, so it just locks. */
    private static final class State {
        private final java.util.ArrayDeque<Long> failures = new java.util.ArrayDeque<>();
        private long openUntil;

        synchronized long openUntil(long now) {
            return openUntil > now ? openUntil - now : 0;
        }

        synchronized boolean failure(long now, int threshold, long window, long open) {
            while (!failures.isEmpty() && failures.peekFirst() <= now - window) {
                failures.pollFirst();
            }
            failures.addLast(now);
            if (failures.size() >= threshold && openUntil <= now) {
                openUntil = now + open;
                failures.clear();
                return true;
            }
            return false;
        }
    }
}
