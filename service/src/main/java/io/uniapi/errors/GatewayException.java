package io.uniapi.errors;

/**
 * Every failure a client can see. Each subclass is one category with a fixed HTTP status family, an OpenAI
 * error {@code type}, and a low-cardinality {@link #category()} used as a metric label. The single exception
 * mapper in {@code api} renders them as {@code {"error":{"message","type","param","code"}}}.
 *
 * <p>Messages must never contain a secret (client or upstream key): callers pass text through
 * {@link SecretRedactor} when it may echo upstream input.
 */
public abstract sealed class GatewayException extends RuntimeException
        permits InvalidRequestException, AuthenticationException, ModelNotFoundException, PayloadTooLargeException,
                RateLimitedException, UpstreamException, ServiceUnavailableException, PermissionDeniedException,
                ImageInputException, InsufficientCreditsException, ResourceNotFoundException {

    private final int status;
    private final String type;
    private final String code;
    private final String param;

    protected GatewayException(int status, String type, String code, String param, String message, Throwable cause) {
        super(message, cause, false, false);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    /** OpenAI's machine-readable {@code code}, or null. */
    public String code() {
        return code;
    }

    /** The request parameter at fault, or null. */
    public String param() {
        return param;
    }

    /** Fixed, low-cardinality label for metrics. */
    public abstract String category();
}
