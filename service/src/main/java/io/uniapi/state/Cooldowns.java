package io.uniapi.state;

import java.time.Clock;
import java.time.Duration;

/**
 * Channels and upstream keys taken out of rotation for a while after failures (behaviour reference §6.3, §6.4).
 * A channel cools down per (provider, alias): the alias is what routing looks up, so renamed models cool down too
 * (uni-api stores the upstream name but checks the alias, so renamed models never cool down; reference bug §10.9,
 * fixed). A cooldown applies to every client key and ends by itself. Keys are benched per (provider, key
 * fingerprint). Survives reloads: keyed by names, not by snapshot objects.
 */
public final class Cooldowns {
    private final Expiries channels;
    private final Expiries keys;

    public Cooldowns(Clock clock) {
        this.channels = new Expiries(clock);
        this.keys = new Expiries(clock);
    }

    public void coolChannel(String provider, String alias, Duration period) {
        if (!period.isZero() && !period.isNegative()) {
            channels.start(provider, alias, period);
        }
    }

    public boolean channelCooling(String provider, String alias) {
        return channels.active(provider, alias);
    }

    public void benchKey(String provider, String keyId, Duration period) {
        if (!period.isZero() && !period.isNegative()) {
            keys.start(provider, keyId, period);
        }
    }

    public boolean keyBenched(String provider, String keyId) {
        return keys.active(provider, keyId);
    }

    /** Milliseconds until a benched key may be used again, 0 if it is not benched. */
    public long keyBenchRemainingMillis(String provider, String keyId) {
        return keys.remaining(provider, keyId);
    }

    /** Models of {@code provider} cooling down now (a metrics gauge). */
    public int activeChannelCooldowns(String provider) {
        return channels.activeCount(provider);
    }

    /** Keys of {@code provider} benched now (a metrics gauge). */
    public int benchedKeys(String provider) {
        return keys.activeCount(provider);
    }
}
