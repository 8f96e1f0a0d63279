package io.uniapi.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.Map;

/** What a fake upstream received. Header names are lower-case. */
public record RecordedRequest(String method, String path, String query, Map<String, String> headers, String body) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public String header(String name) {
        return headers.get(name.toLowerCase());
    }

    public JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("upstream body is not JSON: " + body, e);
        }
    }
}
