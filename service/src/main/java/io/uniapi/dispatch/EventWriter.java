package io.uniapi.dispatch;

import io.uniapi.errors.GatewayException;

import java.io.IOException;

/**
 * Where a stream is written: the client's SSE connection. {@link #data} only buffers, so that events that arrived
 * together leave together; the relay calls {@link #flush} whenever it would otherwise wait on the upstream. Comments,
 * {@link #done} and {@link #error} are flushed at once.
 */
public interface EventWriter {
    void data(byte[] json) throws IOException;

    void flush() throws IOException;

    void comment(String text) throws IOException;

    void done() throws IOException;

    /** One in-band error event, in OpenAI's error shape, after which the stream ends without {@code [DONE]}. */
    void error(GatewayException error) throws IOException;
}
