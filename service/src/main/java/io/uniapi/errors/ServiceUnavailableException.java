package io.uniapi.errors;

/** 503 raised by the gateway itself, e.g. every candidate channel is cooling down. */
public final class ServiceUnavailableException extends GatewayException {
    public ServiceUnavailableException(String code, String message) {
        super(503, "server_error", code, null, message, null);
    }

    @Override
    public String category() {
        return "unavailable";
    }
}
