package io.uniapi.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A local {@code api.yaml}; symlinks (Kubernetes ConfigMaps) are followed on every read. */
public record FileConfigSource(Path path) implements ConfigSource {
    @Override
    public String name() {
        return path.toString();
    }

    @Override
    public String read() throws IOException {
        return Files.readString(path, StandardCharsets.UTF_8);
    }
}
