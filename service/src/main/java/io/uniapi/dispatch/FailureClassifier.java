package io.uniapi.dispatch;

/**
 * Decides what a failed attempt means for the request (behaviour reference §6.2): a request the upstream judged
 * invalid (400) or too large (413) would fail the same way everywhere, so it goes back to the client at once;
 * anything else (5xx, 429, 401/403 of one channel's key, transport failures) moves on to the next candidate.
 */
final class FailureClassifier {
    enum Decision { NEXT_CANDIDATE, GIVE_UP }

    private FailureClassifier() {
    }

    static Decision decide(int status, String failureClass) {
        if (status == 400 || status == 413 || "cancelled".equals(failureClass)) {
            return Decision.GIVE_UP;
        }
        return Decision.NEXT_CANDIDATE;
    }

    /** A fixed, low-cardinality label for a failed attempt's status. */
    static String classOf(int status) {
        if (status == 429) {
            return "rate_limited";
        }
        if (status >= 500) {
            return "upstream_5xx";
        }
        return "upstream_4xx";
    }
}
