package io.uniapi.providers;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Receives what a {@link StreamTranslator} produces, in OpenAI's streaming format. */
public interface ChunkSink {
    /** One {@code chat.completion.chunk}. */
    void chunk(ObjectNode chunk);

    /** An SSE comment (a keepalive) worth passing on. */
    void comment(String text);

    /** The upstream finished the stream properly. */
    void done();
}
