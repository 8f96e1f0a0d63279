package io.uniapi.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import io.uniapi.config.ClientKey;
import io.uniapi.routing.Candidate;

import java.util.List;

/**
 * How many attempts a request may make: one per candidate with {@code AUTO_RETRY: true} (the default), one with
 * {@code false}, and at most N with {@code AUTO_RETRY: N} (uni-api ignores the number; reference bug §10.10).
 */
final class RetryBudget {
    private RetryBudget() {
    }

    static int maxAttempts(ClientKey key, List<Candidate> candidates) {
        JsonNode autoRetry = key.config().preferences().get("AUTO_RETRY");
        if (autoRetry == null) {
            return candidates.size();
        }
        if (autoRetry.isBoolean() || autoRetry.isTextual()) {
            return "false".equalsIgnoreCase(autoRetry.asText()) ? 1 : candidates.size();
        }
        if (autoRetry.canConvertToInt()) {
            return Math.max(1, autoRetry.intValue());
        }
        return candidates.size();
    }
}
