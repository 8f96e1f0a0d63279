package io.uniapi.dispatch;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;

/**
 * Every Failsafe policy of the dispatcher, built here and nowhere else. The order, outermost first:
 * <ol>
 *   <li>{@link RetryPolicy}: one execution is one attempt; a failure is retried when it is an
 *       {@link AttemptFailedException} whose {@link FailureDecision#tryNext()} is true, up to the request's attempt
 *       budget ({@link RetryBudget}); there is no delay, because the next attempt goes to another channel or key
 *       (a failed key or channel is benched or cooled down, not waited for).</li>
 * </ol>
 * Timeouts are not a Failsafe policy: the HTTP client applies them as the longest silence allowed, which is what a
 * stream needs (a total deadline would cut long answers). Policies are immutable and shared; one per budget.
 */
final class AttemptPolicies {
    private static final int CACHED = 32;

    @SuppressWarnings("unchecked")
    private final RetryPolicy<Object>[] retries = new RetryPolicy[CACHED + 1];

    AttemptPolicies() {
        for (int attempts = 1; attempts <= CACHED; attempts++) {
            retries[attempts] = retry(attempts);
        }
    }

    /** An executor running at most {@code maxAttempts} attempts. */
    FailsafeExecutor<Object> forAttempts(int maxAttempts) {
        int attempts = Math.max(1, maxAttempts);
        return Failsafe.with(attempts <= CACHED ? retries[attempts] : retry(attempts));
    }

    private static RetryPolicy<Object> retry(int maxAttempts) {
        return RetryPolicy.builder()
                .handleIf(failure -> failure instanceof AttemptFailedException failed && failed.decision().tryNext())
                .withMaxAttempts(maxAttempts)
                .build();
    }
}
