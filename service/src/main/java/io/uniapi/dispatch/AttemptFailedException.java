package io.uniapi.dispatch;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One attempt failed before anything reached the client. Carries what the client would see if this were the last
 * attempt (already redacted) and the classifier's decision; the retry policy reads {@link #decision()}.
 */
final class AttemptFailedException extends RuntimeException {
    private final int status;
    private final transient ObjectNode errorObject;
    private final transient FailureDecision decision;
    private final String channel;

    AttemptFailedException(int status, String message, ObjectNode errorObject, FailureDecision decision, String channel) {
        super(message, null, false, false);
        this.status = status;
        this.errorObject = errorObject;
        this.decision = decision;
        this.channel = channel;
    }

    int status() {
        return status;
    }

    ObjectNode errorObject() {
        return errorObject;
    }

    FailureDecision decision() {
        return decision;
    }

    /** The channel the attempt was made on. */
    String channel() {
        return channel;
    }
}
