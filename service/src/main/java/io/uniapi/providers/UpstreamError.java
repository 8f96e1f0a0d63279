package io.uniapi.providers;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A provider's error, read by that provider's own translator.
 *
 * @param status      the HTTP status the client should see for it
 * @param message     the provider's message (not yet redacted)
 * @param errorObject the error as an OpenAI {@code error} object when the provider sent one, else null
 */
public record UpstreamError(int status, String message, ObjectNode errorObject) {
}
