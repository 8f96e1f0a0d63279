package io.uniapi.errors;

/** 413: the request body is over a configured limit. */
public final class PayloadTooLargeException extends GatewayException {
    public PayloadTooLargeException(String message) {
        super(413, "invalid_request_error", "request_too_large", null, message, null);
    }

    @Override
    public String category() {
        return "payload_too_large";
    }
}
