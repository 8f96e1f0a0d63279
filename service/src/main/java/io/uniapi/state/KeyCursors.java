package io.uniapi.state;

import io.uniapi.config.Channel;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Round-robin position in each channel's upstream key list, keyed by provider name so that it survives reloads.
 */
public final class KeyCursors {
    private final ConcurrentMap<String, AtomicInteger> cursors = new ConcurrentHashMap<>();

    /** The key (or, for Vertex AI service accounts, region) for the next attempt on {@code channel}, or null. */
    public String next(Channel channel) {
        List<String> keys = channel.keyPool();
        if (keys.isEmpty()) {
            return null;
        }
        if (keys.size() == 1) {
            return keys.get(0);
        }
        int position = cursors.computeIfAbsent(channel.name(), name -> new AtomicInteger()).getAndIncrement();
        return keys.get(Math.floorMod(position, keys.size()));
    }
}
