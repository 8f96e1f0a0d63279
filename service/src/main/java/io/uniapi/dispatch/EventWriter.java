package io.uniapi.dispatch;

import io.uniapi.errors.GatewayException;

import java.io.IOException;

/** Where a stream is written: the client's SSE connection. Each call is flushed to the client. */
public interface EventWriter {
    void data(byte[] json) throws IOException;

    void comment(String text) throws IOException;

    void done() throws IOException;

    /** One in-band error event, in OpenAI's error shape, after which the stream ends without {@code [DONE]}. */
    void error(GatewayException error) throws IOException;
}
