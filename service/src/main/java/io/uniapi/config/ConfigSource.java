package io.uniapi.config;

import java.io.IOException;

/** Where {@code api.yaml} is read from: a local file or {@code CONFIG_URL}. */
public interface ConfigSource {
    /** A description safe to log (no credentials). */
    String name();

    String read() throws IOException;
}
