package io.uniapi.config;

import java.time.Instant;

/**
 * Result of the latest load attempt, for the health check and the reload task.
 *
 * @param ok      false while the last attempt failed (the previous config keeps serving)
 * @param message what happened, naming the key path and reason on failure
 * @param version the version of the snapshot now serving
 */
public record ReloadStatus(boolean ok, String message, Instant at, long version, String trigger) {
}
