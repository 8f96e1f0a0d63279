package io.uniapi.http;

/**
 * One server-sent event. A comment line ({@code : keepalive}) is delivered on its own as an event whose
 * {@link #comment()} is set and whose data is null.
 *
 * @param event the {@code event:} field, or null
 * @param data  the {@code data:} lines joined by {@code \n}, or null
 */
public record SseEvent(String event, String data, String comment) {

    public boolean isComment() {
        return comment != null;
    }

    /** OpenAI's end-of-stream marker. */
    public boolean isDone() {
        return "[DONE]".equals(data);
    }
}
