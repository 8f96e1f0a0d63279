package io.uniapi.http;

import java.util.Map;

/** A complete (non-streamed) upstream answer. Header names are lower-case. */
public record UpstreamResponse(int status, Map<String, String> headers, byte[] body) {
    public boolean successful() {
        return status / 100 == 2;
    }

    public String header(String name) {
        return headers.get(name);
    }
}
