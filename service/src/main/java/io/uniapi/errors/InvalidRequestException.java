package io.uniapi.errors;

/** 400: the request body or a parameter is wrong. */
public final class InvalidRequestException extends GatewayException {
    public InvalidRequestException(String code, String param, String message) {
        super(400, "invalid_request_error", code, param, message, null);
    }

    @Override
    public String category() {
        return "invalid_request";
    }
}
