package io.uniapi.credits;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * The spend of every key with credits, in memory, so that checking a balance costs a map lookup and never a
 * database query. Spend = what the database held at the last {@link #refresh} (all instances) + what this instance
 * recorded since and has not written yet + what it could not write at all (dropped records still cost money).
 *
 * <p>Threads: request threads call {@link #observed} and {@link #dropped}; only the statistics writer thread calls
 * {@link #persisted} and {@link #refresh}, so the database part has a single writer.
 */
public final class CreditLedger {
    private final Map<String, KeySpend> spends = new ConcurrentHashMap<>();
    private volatile boolean loaded;

    /** A request by a key with credits finished and cost this much (counted at once, before it is written). */
    public void observed(String keyFingerprint, double cost) {
        if (cost > 0) {
            spend(keyFingerprint).unwritten.add(cost);
        }
    }

    /** The record of an {@link #observed} cost is now in the database. Writer thread only. */
    public void persisted(String keyFingerprint, double cost) {
        if (cost > 0) {
            KeySpend spend = spend(keyFingerprint);
            // Add before subtracting: a concurrent reader may briefly count it twice, never zero times.
            spend.fromDatabase += cost;
            spend.unwritten.add(-cost);
        }
    }

    /** The record of an {@link #observed} cost was dropped: it stays charged until the process ends. */
    public void dropped(String keyFingerprint, double cost) {
        if (cost > 0) {
            KeySpend spend = spend(keyFingerprint);
            spend.lost.add(cost);
            spend.unwritten.add(-cost);
        }
    }

    /** Re-reads spend and top-ups of every paid key from the database. Writer thread only. */
    public void refresh(Billing billing, SpendSource source, Instant now) {
        for (String key : billing.paidKeys()) {
            Instant since = billing.limit(key).orElseThrow().windowStart(now);
            KeySpend spend = spend(key);
            spend.fromDatabase = source.spendSince(key, since);
            synchronized (spend) {
                spend.topups = source.topupsSince(key, since);
            }
        }
        loaded = true;
    }

    /**
     * Adds credits to a key: written to the database and effective at once. Serialised with {@link #refresh} per
     * key so that a refresh running at the same moment cannot count the top-up twice or lose it.
     */
    public Balance addCredits(String keyFingerprint, CreditLimit limit, double amount, SpendSource source, Instant now) {
        KeySpend spend = spend(keyFingerprint);
        synchronized (spend) {
            source.addTopup(keyFingerprint, amount, now);
            spend.topups = source.topupsSince(keyFingerprint, limit.windowStart(now));
        }
        return balance(keyFingerprint, limit);
    }

    /** True once the database has been read at least once (before, only this process's spend is known). */
    public boolean loaded() {
        return loaded;
    }

    /** The balance of a key right now. */
    public Balance balance(String keyFingerprint, CreditLimit limit) {
        KeySpend spend = spends.get(keyFingerprint);
        double spent = spend == null ? 0 : spend.total();
        double topups = spend == null ? 0 : spend.topups;
        return new Balance(limit.credits() + topups, spent);
    }

    private KeySpend spend(String keyFingerprint) {
        return spends.computeIfAbsent(keyFingerprint, k -> new KeySpend());
    }

    /**
     * @param credits configured credits plus top-ups, USD
     * @param spent   USD spent in the window
     */
    public record Balance(double credits, double spent) {
        /**
         * A key may spend while what it spent does not exceed its credits. {@code credits: 0} blocks at once, as
         * the README promises (uni-api's code only blocks after the first billed request: reference quirk §10.13).
         */
        public boolean enabled() {
            return credits > 0 && spent <= credits;
        }

        public double remaining() {
            return credits - spent;
        }
    }

    private static final class KeySpend {
        final DoubleAdder unwritten = new DoubleAdder();
        final DoubleAdder lost = new DoubleAdder();
        volatile double fromDatabase;
        volatile double topups;

        double total() {
            return fromDatabase + unwritten.sum() + lost.sum();
        }
    }
}
