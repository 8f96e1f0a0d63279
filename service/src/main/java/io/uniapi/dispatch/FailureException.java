package io.uniapi.dispatch;

/** Thrown inside an attempt to report a {@link Failure} that no lower layer raised (e.g. an empty answer). */
final class FailureException extends Exception {
    private final transient Failure failure;

    FailureException(Failure failure) {
        super(failure.message(), null, false, false);
        this.failure = failure;
    }

    Failure failure() {
        return failure;
    }
}
