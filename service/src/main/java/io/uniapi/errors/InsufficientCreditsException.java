package io.uniapi.errors;

/**
 * 429: the key has spent its {@code preferences.credits}. OpenAI answers an exhausted balance the same way (status
 * 429, type and code {@code insufficient_quota}); no {@code Retry-After}: waiting does not help, credits do.
 */
public final class InsufficientCreditsException extends GatewayException {
    public InsufficientCreditsException(String message) {
        super(429, "insufficient_quota", "insufficient_quota", null, message, null);
    }

    @Override
    public String category() {
        return "insufficient_credits";
    }
}
