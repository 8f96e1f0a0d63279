package io.uniapi.config;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.uniapi.UniApiConfiguration;
import io.uniapi.testing.FakeUpstream;
import io.uniapi.testing.OpenAiWire;
import io.uniapi.testing.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Kubernetes ConfigMap mounted as a volume: {@code api.yaml -> ..data/api.yaml}, {@code ..data -> ..<timestamp>}.
 * An update writes a new timestamped directory, points a new {@code ..data_tmp} link at it, renames that link over
 * {@code ..data} (one atomic step) and deletes the old directory; {@code api.yaml} itself never changes.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ConfigMapReloadTest {
    private static final FakeUpstream UPSTREAM = FakeUpstream.start()
            .on("POST /v1/chat/completions", OpenAiWire.answer("ok"));
    private static final Path VOLUME = mountConfigMap("..2026_01_01_00_00_00.000000001", config("m-first", "sk-client-first"));
    static final DropwizardAppExtension<UniApiConfiguration> APP = TestGateway.app(VOLUME.resolve("api.yaml"));

    @AfterAll
    static void stop() throws Exception {
        UPSTREAM.close();
    }

    @Test
    void aSymlinkSwapOfTheDataDirectoryServesTheNewProviderKeyAndModelWithinTwoSeconds() throws Exception {
        assertThat(serves("sk-client-first", "m-first")).isTrue();
        Path old = Files.readSymbolicLink(VOLUME.resolve("..data"));

        Path next = Files.createDirectory(VOLUME.resolve("..2026_01_01_00_05_00.000000002"));
        Files.writeString(next.resolve("api.yaml"), config("m-second", "sk-client-second"));
        Files.createSymbolicLink(VOLUME.resolve("..data_tmp"), next.getFileName());
        Files.move(VOLUME.resolve("..data_tmp"), VOLUME.resolve("..data"), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        Files.delete(VOLUME.resolve(old).resolve("api.yaml"));
        Files.delete(VOLUME.resolve(old));

        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(25))
                .until(() -> serves("sk-client-second", "m-second"));
        assertThat(serves("sk-client-first", "m-first")).as("the old key went with the old version").isFalse();
        assertThat(Files.isSymbolicLink(VOLUME.resolve("api.yaml"))).isTrue();
    }

    private static boolean serves(String key, String model) {
        return TestGateway.post(APP, "/v1/chat/completions", key, TestGateway.chatBody(model, false)).statusCode() == 200;
    }

    private static String config(String model, String key) {
        return """
                providers:
                  - provider: up
                    base_url: %s
                    api: sk-upstream-configmap
                    model: [%s]
                api_keys:
                  - api: %s
                """.formatted(UPSTREAM.url("/v1/chat/completions"), model, key);
    }

    /** The layout kubelet creates for a ConfigMap volume. */
    private static Path mountConfigMap(String timestamped, String yaml) {
        try {
            Path volume = Files.createTempDirectory("configmap");
            Path data = Files.createDirectory(volume.resolve(timestamped));
            Files.writeString(data.resolve("api.yaml"), yaml);
            Files.createSymbolicLink(volume.resolve("..data"), data.getFileName());
            Files.createSymbolicLink(volume.resolve("api.yaml"), Path.of("..data", "api.yaml"));
            return volume;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
