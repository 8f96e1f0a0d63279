package io.uniapi.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads server-sent events incrementally, one at a time, as the bytes arrive. Lines may end in LF, CR or CRLF
 * (even when a CRLF is split across reads). Memory is bounded by the longest single line.
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

    public SseReader(InputStream in) {
        this.in = in;
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
                return new SseEvent(null, null, text.substring(1).trim());
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
                return line.size() > 0 ? line.toString(StandardCharsets.UTF_8) : null;
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
                return line.toString(StandardCharsets.UTF_8);
            }
        }
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
