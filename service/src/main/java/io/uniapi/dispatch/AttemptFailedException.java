package io.uniapi.dispatch;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One attempt failed before anything reached the client. Carries what the client would see if this were the last
 * attempt, already redacted, and the decision on whether to try the next candidate.
 */
final class AttemptFailedException extends RuntimeException {
    private final int status;
    private final transient ObjectNode errorObject;
    private final String failureClass;
    private final FailureClassifier.Decision decision;

    AttemptFailedException(int status, String message, ObjectNode errorObject, String failureClass) {
        super(message, null, false, false);
        this.status = status;
        this.errorObject = errorObject;
        this.failureClass = failureClass;
        this.decision = FailureClassifier.decide(status, failureClass);
    }

    int status() {
        return status;
    }

    ObjectNode errorObject() {
        return errorObject;
    }

    String failureClass() {
        return failureClass;
    }

    FailureClassifier.Decision decision() {
        return decision;
    }
}
