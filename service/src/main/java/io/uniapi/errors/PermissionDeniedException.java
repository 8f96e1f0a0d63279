package io.uniapi.errors;

/** 403: a valid key asked for something its role does not allow (e.g. an admin endpoint). */
public final class PermissionDeniedException extends GatewayException {
    public PermissionDeniedException(String message) {
        super(403, "invalid_request_error", "permission_denied", null, message, null);
    }

    @Override
    public String category() {
        return "permission_denied";
    }
}
