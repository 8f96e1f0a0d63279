package io.uniapi.errors;

/** 401: no client key, or one this gateway does not know. */
public final class AuthenticationException extends GatewayException {
    public AuthenticationException(String message) {
        super(401, "invalid_request_error", "invalid_api_key", null, message, null);
    }

    @Override
    public String category() {
        return "authentication";
    }
}
