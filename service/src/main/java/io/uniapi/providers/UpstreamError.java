package io.uniapi.providers;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;

/**
 * A provider's error, read by that provider's own translator.
 *
 * @param status      the HTTP status the client should see for it
 * @param message     the provider's message (not yet redacted)
 * @param errorObject the error as an OpenAI {@code error} object when the provider sent one, else null
 */
public record UpstreamError(int status, String message, ObjectNode errorObject) {
    private static final int MAX_TEXT_MESSAGE = 1000;

    /**
     * An error body in none of the provider's shapes: its text, stripped and cut at 1,000 characters, as the
     * message; an empty body says so with its status.
     */
    public static UpstreamError ofText(int status, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.length() > MAX_TEXT_MESSAGE) {
            text = text.substring(0, MAX_TEXT_MESSAGE) + "…";
        }
        return new UpstreamError(status, text.isEmpty() ? "HTTP " + status + " with an empty body" : text, null);
    }
}
