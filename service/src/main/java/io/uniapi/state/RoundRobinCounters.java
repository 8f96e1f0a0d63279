package io.uniapi.state;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where round-robin style scheduling starts next, per client key and requested model. uni-api shares one counter per
 * model between all keys, so two keys taking turns can both always land on the same channel; one counter per
 * (key, model) keeps each key's distribution exact. Survives reloads.
 */
public final class RoundRobinCounters {
    private final ConcurrentMap<String, ConcurrentMap<String, AtomicLong>> counters = new ConcurrentHashMap<>();

    /** The next value (0, 1, 2, …) of the counter of {@code (keyId, model)}. */
    public long next(String keyId, String model) {
        ConcurrentMap<String, AtomicLong> models = counters.get(keyId);
        if (models == null) {
            models = counters.computeIfAbsent(keyId, k -> new ConcurrentHashMap<>());
        }
        AtomicLong counter = models.get(model);
        if (counter == null) {
            counter = models.computeIfAbsent(model, m -> new AtomicLong());
        }
        return counter.getAndIncrement();
    }
}
