package io.uniapi.config;

/**
 * Global settings compiled from {@code preferences}.
 *
 * @param maxRequestBodyBytes bodies above this are refused with 413 before any parsing
 * @param proxy               the global {@code proxy} as written (for calls that belong to no channel), or null
 */
public record GatewaySettings(long maxRequestBodyBytes, String proxy) {
    public static final long DEFAULT_MAX_REQUEST_BODY_BYTES = 32L << 20;
}
