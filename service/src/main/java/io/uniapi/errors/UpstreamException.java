package io.uniapi.errors;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An upstream failure that reaches the client: either the upstream's own error (status and, when it was
 * OpenAI-shaped JSON, its error object) or the gateway's summary after every candidate failed.
 */
public final class UpstreamException extends GatewayException {
    private final transient ObjectNode upstreamError;
    private final String category;

    private UpstreamException(int status, String code, String message, ObjectNode upstreamError, String category) {
        super(status, status >= 500 ? "upstream_error" : "invalid_request_error", code, null, message, null);
        this.upstreamError = upstreamError;
        this.category = category;
    }

    /**
     * The upstream's own answer, relayed. {@code upstreamError} is the upstream's {@code error} object when it
     * had one (already redacted), else null and {@code message} is used.
     */
    public static UpstreamException relayed(int status, String message, ObjectNode upstreamError) {
        return new UpstreamException(status, "upstream_error", message, upstreamError, "upstream_relayed");
    }

    /** Every candidate failed; status is the last failure's. */
    public static UpstreamException exhausted(int status, String message) {
        return new UpstreamException(status, "upstream_failed", message, null, "upstream_exhausted");
    }

    /** The upstream's error object to send as-is, or null. */
    public ObjectNode upstreamError() {
        return upstreamError;
    }

    @Override
    public String category() {
        return category;
    }
}
