package io.uniapi.config;

/**
 * Global settings compiled from {@code preferences}.
 *
 * @param maxRequestBodyBytes bodies above this are refused with 413 before any parsing
 */
public record GatewaySettings(long maxRequestBodyBytes) {
    public static final long DEFAULT_MAX_REQUEST_BODY_BYTES = 32L << 20;
}
