package io.uniapi.errors;

/** 404: something named in the request (other than a model) does not exist. */
public final class ResourceNotFoundException extends GatewayException {
    public ResourceNotFoundException(String code, String param, String message) {
        super(404, "invalid_request_error", code, param, message, null);
    }

    @Override
    public String category() {
        return "not_found";
    }
}
