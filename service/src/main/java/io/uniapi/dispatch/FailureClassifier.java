package io.uniapi.dispatch;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides what a failed attempt means (behaviour reference §6.1–6.4). A pure function of the failure, so that it can
 * be tested as a table:
 * <ul>
 *   <li>400 and 413 would fail the same way on every channel: the client gets them at once, nothing is penalised.
 *       A cancelled call (the client left) ends the request without penalising anyone either.</li>
 *   <li>Everything else moves to the next attempt and cools the channel down for the model, except a connection
 *       that broke mid-way (usually the network, not the channel).</li>
 *   <li>403 and 404 also count towards the channel's circuit for that upstream model.</li>
 *   <li>The upstream key is benched for quota exhaustion (402, {@code insufficient_quota}, "exceeded your current
 *       quota", …), for any other 429 (honouring {@code Retry-After} and "try again in N s"), and otherwise for
 *       {@code api_key_cooldown_period} when the failure was the upstream's doing (not a transport problem).</li>
 * </ul>
 */
final class FailureClassifier {
    private static final List<String> QUOTA_TEXTS = List.of("insufficient_quota", "billing_hard_limit_reached",
            "exceeded your current quota", "usage limit", "out of credits", "payment required");
    private static final Pattern TRY_AGAIN = Pattern.compile("try again in\\s+((?:\\d+(?:\\.\\d+)?\\s*(?:ms|s|sec|secs|seconds?|m|min|mins|minutes?|h)\\s*)+)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern AMOUNT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|sec|secs|seconds?|m|min|mins|minutes?|h)",
            Pattern.CASE_INSENSITIVE);

    private FailureClassifier() {
    }

    static FailureDecision classify(Failure failure) {
        int status = failure.status();
        if (failure.kind() == Failure.Kind.CANCELLED) {
            return decision(false, "cancelled", false, FailureDecision.KeyBench.NONE, null, false);
        }
        if (failure.kind() == Failure.Kind.UPSTREAM_STATUS || failure.kind() == Failure.Kind.BAD_ANSWER) {
            if (status == 400 || status == 413) {
                return decision(false, status == 400 ? "bad_request" : "too_large", false,
                        FailureDecision.KeyBench.NONE, null, false);
            }
            if (status == 402 || mentionsQuota(failure)) {
                return decision(true, "quota", true, FailureDecision.KeyBench.QUOTA, null, false);
            }
            if (status == 429) {
                return decision(true, "rate_limited", true, FailureDecision.KeyBench.RATE_LIMITED, waitHint(failure), false);
            }
            return decision(true, statusClass(failure), true, FailureDecision.KeyBench.FAILED, null,
                    status == 403 || status == 404);
        }
        return switch (failure.kind()) {
            case EMPTY_ANSWER -> decision(true, "empty_answer", true, FailureDecision.KeyBench.FAILED, null, false);
            case ERROR_TRIGGER -> decision(true, "error_trigger", true, FailureDecision.KeyBench.FAILED, null, false);
            case TIMEOUT -> decision(true, "timeout", true, FailureDecision.KeyBench.NONE, null, false);
            case CONNECT -> decision(true, "connect", true, FailureDecision.KeyBench.NONE, null, false);
            case BROKEN -> decision(true, "broken", false, FailureDecision.KeyBench.NONE, null, false);
            case UNSUPPORTED -> decision(true, "unsupported", false, FailureDecision.KeyBench.NONE, null, false);
            default -> throw new IllegalArgumentException("unclassified failure kind " + failure.kind());
        };
    }

    private static FailureDecision decision(boolean tryNext, String failureClass, boolean cool,
                                            FailureDecision.KeyBench bench, Duration hint, boolean circuit) {
        return new FailureDecision(tryNext, failureClass, cool, bench, hint, circuit);
    }

    private static String statusClass(Failure failure) {
        int status = failure.status();
        if (failure.kind() == Failure.Kind.BAD_ANSWER) {
            return "bad_answer";
        }
        if (status == 401 || status == 403) {
            return "auth";
        }
        if (status == 404) {
            return "not_found";
        }
        return status >= 500 ? "upstream_5xx" : "upstream_4xx";
    }

    private static boolean mentionsQuota(Failure failure) {
        String message = failure.message() == null ? "" : failure.message().toLowerCase(Locale.ROOT);
        ObjectNode error = failure.errorObject();
        String code = error == null ? "" : (error.path("code").asText("") + " " + error.path("type").asText(""))
                .toLowerCase(Locale.ROOT);
        for (String text : QUOTA_TEXTS) {
            if (message.contains(text) || code.contains(text)) {
                return true;
            }
        }
        return false;
    }

    /** The longer of {@code Retry-After} and a "try again in 1m30s" in the message; null when neither is given. */
    static Duration waitHint(Failure failure) {
        Duration fromText = null;
        if (failure.message() != null) {
            Matcher m = TRY_AGAIN.matcher(failure.message());
            if (m.find()) {
                fromText = amount(m.group(1));
            }
        }
        Duration header = failure.retryAfter();
        if (header == null) {
            return fromText;
        }
        return fromText == null || header.compareTo(fromText) > 0 ? header : fromText;
    }

    private static Duration amount(String text) {
        Matcher m = AMOUNT.matcher(text);
        double millis = 0;
        while (m.find()) {
            double n = Double.parseDouble(m.group(1));
            String unit = m.group(2).toLowerCase(Locale.ROOT);
            millis += n * (unit.equals("ms") ? 1 : unit.startsWith("s") ? 1_000 : unit.startsWith("h") ? 3_600_000 : 60_000);
        }
        return Duration.ofMillis((long) Math.ceil(millis));
    }
}
