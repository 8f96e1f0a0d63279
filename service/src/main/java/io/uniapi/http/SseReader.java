package io.uniapi.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads server-sent events incrementally, one at a time, as the bytes arrive. Lines may end in LF, CR or CRLF
 * (even when a CRLF is split across reads). Memory is bounded by the longest single line.
 *
 * <p>Two choices differ from a browser's EventSource, both to relay sloppy upstreams faithfully: a comment line
 * between events is delivered as an event of its own (so keepalives can be passed on; one inside an event is
 * ignored, as the SSE spec says), and an event cut short by the end of the stream (no blank line after it) is
 * still delivered, because some proxies drop the final blank line after {@code data: [DONE]}.
 */
public final class SseReader {
    private static final int MAX_LINE = 16 << 20;

    private final InputStream in;
    private final byte[] buffer = new byte[8192];
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private int position;
    private int limit;
    private boolean skipNextLf;
    private boolean eof;
    private boolean firstLine = true;

    public SseReader(InputStream in) {
        this.in = in;
    }

    /** True while bytes already received are not yet parsed: the next event will not wait on the network. */
    public boolean buffered() {
        return position < limit;
    }

    /** The next event, or null at the end of the stream. */
    public SseEvent next() throws IOException {
        String event = null;
        StringBuilder data = null;
        String text;
        while ((text = readLine()) != null) {
            if (text.isEmpty()) {
                if (data != null || event != null) {
                    return new SseEvent(event, data == null ? null : data.toString(), null);
                }
                continue;
            }
            if (text.charAt(0) == ':') {
                if (data == null && event == null) {
                    return new SseEvent(null, null, text.substring(1).trim());
                }
                continue;
            }
            int colon = text.indexOf(':');
            String field = colon < 0 ? text : text.substring(0, colon);
            String value = colon < 0 ? "" : text.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "data" -> {
                    if (data == null) {
                        data = new StringBuilder(value);
                    } else {
                        data.append('\n').append(value);
                    }
                }
                case "event" -> event = value;
                default -> {
                    // id and retry are not needed by any translator; unknown fields are ignored as the spec says.
                }
            }
        }
        return data != null || event != null ? new SseEvent(event, data == null ? null : data.toString(), null) : null;
    }

    private String readLine() throws IOException {
        line.reset();
        while (true) {
            if (position == limit && (eof || !fill())) {
                return line.size() > 0 ? decodeLine() : null;
            }
            if (skipNextLf) {
                skipNextLf = false;
                if (buffer[position] == '\n') {
                    position++;
                    continue;
                }
            }
            int start = position;
            while (position < limit && buffer[position] != '\n' && buffer[position] != '\r') {
                position++;
            }
            if (line.size() + (position - start) > MAX_LINE) {
                throw new IOException("SSE line longer than " + MAX_LINE + " bytes");
            }
            line.write(buffer, start, position - start);
            if (position < limit) {
                skipNextLf = buffer[position] == '\r';
                position++;
                return decodeLine();
            }
        }
    }

    /** The current line as text; a byte order mark at the very start of the stream is dropped, as the spec says. */
    private String decodeLine() {
        String text = line.toString(StandardCharsets.UTF_8);
        if (firstLine) {
            firstLine = false;
            if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
                return text.substring(1);
            }
        }
        return text;
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            eof = true;
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }
}
