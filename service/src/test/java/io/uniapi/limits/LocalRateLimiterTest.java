package io.uniapi.limits;

import io.uniapi.testing.TestClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Bucket4j buckets on an injected clock: windows, refills, refunds and reconfiguration without reset. */
class LocalRateLimiterTest {
    final TestClock clock = new TestClock();
    final LocalRateLimiter limiter = new LocalRateLimiter(clock);

    @Test
    void aBurstOfTheCapacityThenOneRequestPerSlice() {
        RateLimit limit = RateLimit.parse("3/min");

        assertThat(limiter.tryAcquire("k", limit).remaining()).isEqualTo(2);
        limiter.tryAcquire("k", limit);
        limiter.tryAcquire("k", limit);
        Admission refused = limiter.tryAcquire("k", limit);
        clock.advance(Duration.ofSeconds(20));
        Admission again = limiter.tryAcquire("k", limit);

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(20));
        assertThat(again.allowed()).isTrue();
    }

    @Test
    void identitiesHaveTheirOwnBuckets() {
        RateLimit limit = RateLimit.parse("1/min");

        assertThat(limiter.tryAcquire("a", limit).allowed()).isTrue();
        assertThat(limiter.tryAcquire("b", limit).allowed()).isTrue();
        assertThat(limiter.tryAcquire("a", limit).allowed()).isFalse();
    }

    @Test
    void anEqualLimitFromANewSnapshotKeepsTheBucketAndAChangedOneReconfiguresIt() {
        limiter.tryAcquire("k", RateLimit.parse("2/min"));
        limiter.tryAcquire("k", RateLimit.parse("2/min"));

        assertThat(limiter.tryAcquire("k", RateLimit.parse("2/min")).allowed()).isFalse();
        Admission grown = limiter.tryAcquire("k", RateLimit.parse("4/min"));
        assertThat(grown.allowed()).isTrue();
        assertThat(grown.remaining()).isEqualTo(1);
        assertThat(limiter.size()).isEqualTo(1);
    }

    @Test
    void aRefundGivesTheRequestBack() {
        RateLimit limit = RateLimit.parse("1/min");
        limiter.tryAcquire("k", limit);

        limiter.refund("k", limit);

        assertThat(limiter.tryAcquire("k", limit).allowed()).isTrue();
    }

    @Test
    void aTokensPerRequestLimitCountsNoRequests() {
        assertThat(limiter.tryAcquire("k", RateLimit.parse("5/tpr"))).isEqualTo(Admission.UNLIMITED);
        assertThat(limiter.size()).isZero();
    }
}
