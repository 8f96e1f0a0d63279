package io.uniapi.dispatch;

import io.uniapi.config.AutoRetry;
import io.uniapi.config.DispatchPolicies;
import io.uniapi.routing.Candidate;

import java.util.List;

/**
 * How many attempts a request may make (behaviour reference §6.2): one per candidate plus extra attempts for other
 * keys — when there is one candidate with several keys, one more per key; otherwise twice the number of keys of
 * all candidates, at most 10 (so one channel with one key is tried 3 times). {@code AUTO_RETRY: false} allows one
 * attempt; {@code AUTO_RETRY: N} at most N (uni-api ignores the number; reference bug §10.10, fixed).
 */
final class RetryBudget {
    private static final int MAX_EXTRA = 10;

    private RetryBudget() {
    }

    static int maxAttempts(AutoRetry autoRetry, DispatchPolicies policies, List<Candidate> candidates) {
        if (!autoRetry.enabled()) {
            return 1;
        }
        return autoRetry.maxAttempts() > 0 ? autoRetry.maxAttempts() : candidates.size() + extra(policies, candidates);
    }

    private static int extra(DispatchPolicies policies, List<Candidate> candidates) {
        if (candidates.size() == 1) {
            int keys = policies.channel(candidates.get(0).channel()).keyIds().size();
            if (keys > 1) {
                return keys;
            }
        }
        int keys = 0;
        for (Candidate candidate : candidates) {
            keys += policies.channel(candidate.channel()).keyIds().size();
        }
        return Math.min(MAX_EXTRA, 2 * keys);
    }
}
