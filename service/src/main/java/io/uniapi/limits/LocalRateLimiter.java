package io.uniapi.limits;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.TokensInheritanceStrategy;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * {@link RateLimiter} over in-memory Bucket4j buckets (lock-free). Each window {@code N/period} is a bandwidth of
 * capacity N refilled greedily (N tokens spread over the period), so a burst of N is allowed and then one request
 * every period/N. Time comes from the injected clock, so tests move it instead of sleeping.
 */
public final class LocalRateLimiter implements RateLimiter {
    private final ConcurrentMap<String, Entry> buckets = new ConcurrentHashMap<>();
    private final TimeMeter time;

    public LocalRateLimiter(Clock clock) {
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return clock.millis() * 1_000_000L;
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    @Override
    public Admission tryAcquire(String identity, RateLimit limit) {
        if (!limit.limitsRequests()) {
            return Admission.UNLIMITED;
        }
        ConsumptionProbe probe = bucket(identity, limit).tryConsumeAndReturnRemaining(1);
        return new Admission(probe.isConsumed(), limit.tightestCapacity(), probe.getRemainingTokens(),
                probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    @Override
    public void refund(String identity, RateLimit limit) {
        Entry entry = buckets.get(identity);
        if (entry != null && limit.limitsRequests()) {
            entry.bucket.addTokens(1);
        }
    }

    /** Buckets currently held (for metrics and tests). */
    public int size() {
        return buckets.size();
    }

    private Bucket bucket(String identity, RateLimit limit) {
        Entry entry = buckets.get(identity);
        if (entry == null) {
            entry = buckets.computeIfAbsent(identity, id -> new Entry(newBucket(limit), limit));
        }
        if (entry.limit != limit && !entry.limit.equals(limit)) {
            entry = reconfigure(identity, entry, limit);
        }
        return entry.bucket;
    }

    /**
     * A reload changed this bucket's limit: requests already counted stay counted (a window that grows from 3 to 5
     * leaves 2 more), and old windows are matched to new ones by period.
     */
    private Entry reconfigure(String identity, Entry old, RateLimit limit) {
        Entry updated = new Entry(old.bucket, limit);
        if (buckets.replace(identity, old, updated)) {
            old.bucket.replaceConfiguration(configuration(limit), TokensInheritanceStrategy.ADDITIVE);
            return updated;
        }
        return buckets.get(identity);
    }

    private Bucket newBucket(RateLimit limit) {
        var builder = Bucket.builder().withCustomTimePrecision(time);
        for (Bandwidth bandwidth : configuration(limit).getBandwidths()) {
            builder.addLimit(bandwidth);
        }
        return builder.build();
    }

    /** One bandwidth per window, identified by its period so that a changed limit maps old windows onto new ones. */
    private static BucketConfiguration configuration(RateLimit limit) {
        var builder = BucketConfiguration.builder();
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (RateLimit.Window window : limit.windows()) {
            String id = window.period().toString();
            while (!ids.add(id)) {
                id = id + "'";
            }
            builder.addLimit(Bandwidth.builder().capacity(window.requests())
                    .refillGreedy(window.requests(), window.period())
                    .id(id)
                    .build());
        }
        return builder.build();
    }

    private static final class Entry {
        final Bucket bucket;
        final RateLimit limit;

        Entry(Bucket bucket, RateLimit limit) {
            this.bucket = bucket;
            this.limit = limit;
        }
    }
}
