package io.uniapi.errors;

/**
 * An {@code image_url} part the gateway cannot use (behaviour reference §5.0): 400 for a malformed or unreachable
 * image, 415 for a type other than PNG, JPEG or WebP, 408 when fetching it took too long.
 */
public final class ImageInputException extends GatewayException {
    private ImageInputException(int status, String code, String message) {
        super(status, "invalid_request_error", code, "messages", message, null);
    }

    public static ImageInputException invalid(String message) {
        return new ImageInputException(400, "invalid_image", message);
    }

    public static ImageInputException unsupportedType(String message) {
        return new ImageInputException(415, "unsupported_image_type", message);
    }

    public static ImageInputException timedOut(String message) {
        return new ImageInputException(408, "image_fetch_timeout", message);
    }

    @Override
    public String category() {
        return "image_input";
    }
}
