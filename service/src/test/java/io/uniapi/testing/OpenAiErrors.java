package io.uniapi.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks that an answer is an error in OpenAI's shape: {@code {"error":{"message","type","param","code"}}}. */
public final class OpenAiErrors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenAiErrors() {
    }

    /** Asserts the status and the shape; returns the {@code error} object. */
    public static JsonNode assertError(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("error body is not JSON: " + response.body(), e);
        }
        assertThat(body.isObject()).isTrue();
        assertThat(body.fieldNames()).toIterable().containsExactly("error");
        JsonNode error = body.get("error");
        assertThat(error.fieldNames()).toIterable().contains("message", "type", "param", "code");
        assertThat(error.get("message").isTextual()).as("message is text").isTrue();
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(error.get("type").isTextual()).as("type is text").isTrue();
        assertThat(error.get("param").isNull() || error.get("param").isTextual()).as("param").isTrue();
        assertThat(error.get("code").isNull() || error.get("code").isTextual()).as("code").isTrue();
        return error;
    }
}
