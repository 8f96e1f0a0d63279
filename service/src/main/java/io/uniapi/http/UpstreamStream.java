package io.uniapi.http;

import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.CancellationException;

/**
 * An upstream response being read as it arrives. Closing it (or {@link #abort}) before the end cancels the upstream
 * request and releases its connection, so a client that goes away stops the upstream work too.
 */
public final class UpstreamStream implements AutoCloseable {
    private final Request request;
    private final Response response;
    private final InputStream body;
    private final Duration timeout;
    private final SseReader events;
    private boolean finished;

    UpstreamStream(Request request, Response response, InputStreamResponseListener listener, Duration timeout) {
        this.request = request;
        this.response = response;
        this.body = listener.getInputStream();
        this.timeout = timeout;
        this.events = new SseReader(body);
    }

    public int status() {
        return response.getStatus();
    }

    public boolean successful() {
        return status() / 100 == 2;
    }

    /** A response header, or null. */
    public String header(String name) {
        return response.getHeaders().get(name);
    }

    /** The next server-sent event, or null when the upstream ended the stream. */
    public SseEvent next() throws TransportException {
        try {
            SseEvent event = events.next();
            finished = event == null;
            return event;
        } catch (IOException e) {
            throw TransportErrors.map(e, timeout);
        }
    }

    /** True when more events have already arrived and can be read without waiting. */
    public boolean hasBufferedEvents() {
        return events.buffered();
    }

    /** The rest of the body, at most {@code max} bytes (for error answers). */
    public byte[] readBody(int max) throws TransportException {
        try {
            byte[] bytes = body.readNBytes(max);
            finished = true;
            return bytes;
        } catch (IOException e) {
            throw TransportErrors.map(e, timeout);
        }
    }

    /** Cancels the upstream request; safe to call more than once and from another thread. */
    public void abort(String reason) {
        request.abort(new CancellationException(reason));
    }

    @Override
    public void close() {
        if (!finished) {
            abort("closed before the end of the upstream response");
        }
        try {
            body.close();
        } catch (IOException ignored) {
            // The connection is being discarded either way.
        }
    }
}
