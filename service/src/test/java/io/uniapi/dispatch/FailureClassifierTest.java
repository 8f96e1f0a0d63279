package io.uniapi.dispatch;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The failure table of behaviour reference §6.1–6.4, one row per case. */
class FailureClassifierTest {

    @ParameterizedTest(name = "{0} {1} \"{2}\" -> next={3} class={4} cool={5} bench={6} circuit={7}")
    @CsvSource(delimiter = '|', textBlock = """
            UPSTREAM_STATUS | 400 | bad                          | false | bad_request        | false | NONE         | false
            UPSTREAM_STATUS | 413 | too long                     | false | too_large          | false | NONE         | false
            UPSTREAM_STATUS | 500 | boom                         | true  | upstream_5xx       | true  | FAILED       | false
            UPSTREAM_STATUS | 503 | overloaded                   | true  | upstream_5xx       | true  | FAILED       | false
            UPSTREAM_STATUS | 401 | invalid key                  | true  | auth               | true  | FAILED       | false
            UPSTREAM_STATUS | 403 | forbidden                    | true  | auth               | true  | FAILED       | true
            UPSTREAM_STATUS | 404 | no such model                | true  | not_found          | true  | FAILED       | true
            UPSTREAM_STATUS | 422 | odd                          | true  | upstream_4xx       | true  | FAILED       | false
            UPSTREAM_STATUS | 429 | Rate limit reached           | true  | rate_limited       | true  | RATE_LIMITED | false
            UPSTREAM_STATUS | 429 | You exceeded your current quota | true | quota           | true  | QUOTA        | false
            UPSTREAM_STATUS | 402 | Payment Required             | true  | quota              | true  | QUOTA        | false
            UPSTREAM_STATUS | 403 | out of credits               | true  | quota              | true  | QUOTA        | false
            BAD_ANSWER      | 502 | error event                  | true  | bad_answer         | true  | FAILED       | false
            EMPTY_ANSWER    | 502 | empty                        | true  | empty_answer       | true  | FAILED       | false
            ERROR_TRIGGER   | 502 | trigger                      | true  | error_trigger      | true  | FAILED       | false
            TIMEOUT         | 504 | timed out                    | true  | timeout            | true  | NONE         | false
            CONNECT         | 503 | refused                      | true  | connect            | true  | NONE         | false
            BROKEN          | 502 | reset                        | true  | broken             | false | NONE         | false
            CANCELLED       | 499 | client left                  | false | cancelled          | false | NONE         | false
            UNSUPPORTED     | 501 | no engine                    | true  | unsupported        | false | NONE         | false
            """)
    void classifies(Failure.Kind kind, int status, String message, boolean next, String failureClass, boolean cool,
                    FailureDecision.KeyBench bench, boolean circuit) {
        FailureDecision decision = FailureClassifier.classify(Failure.of(kind, status, message));

        assertThat(decision.tryNext()).as("tryNext").isEqualTo(next);
        assertThat(decision.failureClass()).isEqualTo(failureClass);
        assertThat(decision.coolChannel()).as("coolChannel").isEqualTo(cool);
        assertThat(decision.keyBench()).isEqualTo(bench);
        assertThat(decision.circuitHit()).as("circuitHit").isEqualTo(circuit);
    }

    @Test
    void quotaIsRecognisedByTheErrorCodeToo() {
        ObjectNode error = JsonNodeFactory.instance.objectNode().put("message", "nope").put("code", "insufficient_quota");

        FailureDecision decision = FailureClassifier.classify(
                new Failure(Failure.Kind.UPSTREAM_STATUS, 429, "nope", error, null));

        assertThat(decision.keyBench()).isEqualTo(FailureDecision.KeyBench.QUOTA);
    }

    @ParameterizedTest(name = "\"{0}\" with Retry-After {1}s waits {2} ms")
    @CsvSource(delimiter = '|', textBlock = """
            Please try again in 20s.                   |    | 20000
            Please try again in 1m30s.                 |    | 90000
            Please try again in 450ms.                 |    | 450
            Please try again in 2.5 seconds            |    | 2500
            Rate limited                               | 7  | 7000
            Please try again in 20s.                   | 60 | 60000
            Please try again in 2 minutes              | 60 | 120000
            """)
    void readsHowLongTheUpstreamAskedToWait(String message, Long retryAfter, long millis) {
        Failure failure = new Failure(Failure.Kind.UPSTREAM_STATUS, 429, message, null,
                retryAfter == null ? null : Duration.ofSeconds(retryAfter));

        assertThat(FailureClassifier.classify(failure).waitHint()).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void noHintWhenNoneIsGiven() {
        assertThat(FailureClassifier.classify(Failure.of(Failure.Kind.UPSTREAM_STATUS, 429, "slow down")).waitHint()).isNull();
    }
}
