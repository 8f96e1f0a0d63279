package io.uniapi.providers;

/**
 * The upstream answered, but not with something usable: an error inside a 2xx body or stream, or a body that does
 * not parse. Carries the error as the client should see it.
 */
public final class UpstreamAnswerException extends Exception {
    private final transient UpstreamError error;

    public UpstreamAnswerException(UpstreamError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    public static UpstreamAnswerException malformed(String what) {
        return new UpstreamAnswerException(new UpstreamError(502, "Upstream sent an unusable answer: " + what, null));
    }

    public UpstreamError error() {
        return error;
    }
}
