package io.uniapi.telemetry;

import java.time.Duration;

/**
 * One upstream attempt.
 *
 * @param keyFingerprint non-reversible id of the upstream key used (never the key), or null for keyless channels
 * @param status         HTTP status of the attempt's outcome (upstream status, or 502/503/504 for transport failures)
 * @param failure        fixed low-cardinality failure class (e.g. {@code upstream_5xx}, {@code timeout}), null on success
 */
public record AttemptRecord(String requestId, String channel, String upstreamModel, String alias, String keyFingerprint,
                            boolean success, int status, String failure, Duration latency) {
}
