package io.uniapi.testing;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.uniapi.UniApiApplication;
import io.uniapi.UniApiConfiguration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/** Starts the real service (DropwizardAppExtension) on a config written for the test, and talks to it over HTTP. */
public final class TestGateway {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestGateway() {
    }

    /**
     * Writes {@code yaml} as {@code api.yaml} in a fresh directory. Unless the YAML has its own {@code database:}
     * section, statistics go to an H2 file in that directory, so that tests never share a database.
     */
    public static Path writeConfig(String yaml) {
        try {
            Path dir = Files.createTempDirectory("uni-api-test");
            Path file = dir.resolve("api.yaml");
            String text = yaml.lines().anyMatch(line -> line.startsWith("database:")) ? yaml : yaml + """

                    database:
                      driverClass: org.h2.Driver
                      url: jdbc:h2:file:%s;DB_CLOSE_ON_EXIT=FALSE
                      user: sa
                      password: ""
                    """.formatted(dir.resolve("stats").toAbsolutePath());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The service on random ports, reading {@code config}. */
    public static DropwizardAppExtension<UniApiConfiguration> app(Path config, ConfigOverride... overrides) {
        ConfigOverride[] all = Stream.concat(Stream.of(ConfigOverride.randomPorts()), Stream.of(overrides))
                .toArray(ConfigOverride[]::new);
        return new DropwizardAppExtension<>(UniApiApplication.class, config.toString(), all);
    }

    public static String baseUrl(DropwizardAppExtension<?> app) {
        return "http://127.0.0.1:" + app.getLocalPort();
    }

    public static String adminUrl(DropwizardAppExtension<?> app) {
        return "http://127.0.0.1:" + app.getAdminPort();
    }

    /** The official OpenAI Java SDK pointed at the gateway. */
    public static OpenAIClient openAi(DropwizardAppExtension<?> app, String key) {
        return OpenAIOkHttpClient.builder()
                .baseUrl(baseUrl(app) + "/v1")
                .apiKey(key)
                .maxRetries(0)
                .timeout(Duration.ofSeconds(30))
                .build();
    }

    public static HttpResponse<String> post(DropwizardAppExtension<?> app, String path, String key, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl(app) + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return send(request.build());
    }

    public static HttpResponse<String> get(String url, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return send(request.build());
    }

    public static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
