package io.uniapi.config;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Where the gateway config comes from, as uni-api decides it: the file given on the command line; else
 * {@code CONFIG_URL} (an http(s) URL, a {@code file:} URL or a path); else {@code ./api.yaml}.
 */
public final class ConfigSources {
    private ConfigSources() {
    }

    public static ConfigSource resolve(String commandLinePath, UnaryOperator<String> environment) {
        if (commandLinePath != null && !commandLinePath.isBlank()) {
            return new FileConfigSource(Path.of(commandLinePath));
        }
        String url = environment.apply("CONFIG_URL");
        if (url != null && !url.isBlank()) {
            String trimmed = url.trim();
            if (trimmed.startsWith("http://") || trimmed.startsWith("https://")) {
                return new UrlConfigSource(URI.create(trimmed));
            }
            return new FileConfigSource(trimmed.startsWith("file:") ? Path.of(URI.create(trimmed)) : Path.of(trimmed));
        }
        Path local = Path.of("api.yaml");
        if (Files.exists(local)) {
            return new FileConfigSource(local);
        }
        throw new IllegalStateException("No configuration: start with 'server api.yaml', or set CONFIG_URL");
    }
}
