package io.uniapi.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.uniapi.dispatch.EventWriter;
import io.uniapi.errors.GatewayException;
import io.uniapi.providers.WireJson;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes server-sent events to the client; data events leave on {@link #flush}, the rest at once. */
final class SseWriter implements EventWriter {
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;

    SseWriter(OutputStream out) {
        this.out = out;
    }

    @Override
    public void data(byte[] json) throws IOException {
        byte[] frame = new byte[DATA.length + json.length + END.length];
        System.arraycopy(DATA, 0, frame, 0, DATA.length);
        System.arraycopy(json, 0, frame, DATA.length, json.length);
        System.arraycopy(END, 0, frame, DATA.length + json.length, END.length);
        out.write(frame);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void comment(String text) throws IOException {
        out.write((": " + text.replace('\n', ' ') + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void done() throws IOException {
        out.write(DONE);
        out.flush();
    }

    /** OpenAI's in-stream error: {@code data: {"error":{…}}}, the shape its SDKs raise as an API error. */
    @Override
    public void error(GatewayException error) throws IOException {
        data(WireJson.bytes(JsonNodeFactory.instance.objectNode().set("error", OpenAiErrorMapper.errorObject(error))));
        out.flush();
    }
}
