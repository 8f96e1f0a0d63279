package io.uniapi.state;

import io.uniapi.config.KeyScheduleAlgorithm;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the search for an upstream key starts in each channel's key list, keyed by provider name so that it
 * survives reloads ({@code api_key_schedule_algorithm}).
 */
public final class KeyCursors {
    private final ConcurrentMap<String, AtomicInteger> cursors = new ConcurrentHashMap<>();

    /** The index to start from in a list of {@code size} keys. */
    public int start(String provider, KeyScheduleAlgorithm algorithm, int size) {
        if (size <= 1) {
            return 0;
        }
        return switch (algorithm) {
            case FIXED_PRIORITY -> 0;
            case RANDOM -> ThreadLocalRandom.current().nextInt(size);
            case ROUND_ROBIN, SMART_ROUND_ROBIN -> {
                AtomicInteger cursor = cursors.get(provider);
                if (cursor == null) {
                    cursor = cursors.computeIfAbsent(provider, name -> new AtomicInteger());
                }
                yield Math.floorMod(cursor.getAndIncrement(), size);
            }
        };
    }
}
