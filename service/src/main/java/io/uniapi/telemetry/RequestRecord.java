package io.uniapi.telemetry;

import java.time.Duration;
import java.time.Instant;

/**
 * One client request, recorded when its response (streamed or not) has finished.
 *
 * @param keyFingerprint  non-reversible id of the client key (never the key)
 * @param channel         the channel that answered, or null when none did
 * @param timeToFirstByte time until the first byte of the answer was sent, or null if none was
 * @param attempts        upstream attempts made (1 when the first one answered)
 * @param errorCategory   the error category the client saw, or null on success
 * @param role            the key's {@code role:} as configured, or null (never derived from the key)
 */
public record RequestRecord(String requestId, Instant startedAt, String endpoint, String keyFingerprint, String keyLabel,
                            String model, String channel, int status, boolean stream, Duration total,
                            Duration timeToFirstByte, TokenUsage usage, int attempts, String clientIp,
                            String errorCategory, String role) {

    /** Without the role (reported as none). */
    public RequestRecord(String requestId, Instant startedAt, String endpoint, String keyFingerprint, String keyLabel,
                         String model, String channel, int status, boolean stream, Duration total,
                         Duration timeToFirstByte, TokenUsage usage, int attempts, String clientIp,
                         String errorCategory) {
        this(requestId, startedAt, endpoint, keyFingerprint, keyLabel, model, channel, status, stream, total,
                timeToFirstByte, usage, attempts, clientIp, errorCategory, null);
    }
}
