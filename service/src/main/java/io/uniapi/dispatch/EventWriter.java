package io.uniapi.dispatch;

import java.io.IOException;

/** Where a committed stream is written: the client's SSE connection. Each call is flushed to the client. */
public interface EventWriter {
    void data(byte[] json) throws IOException;

    void comment(String text) throws IOException;

    void done() throws IOException;
}
