package io.uniapi.testing;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import io.dropwizard.core.Application;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
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
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

/** Starts the real service (DropwizardAppExtension) on a config written for the test, and talks to it over HTTP. */
public final class TestGateway {
    static {
        // Drop idle pooled connections before the service's idle timeout (30 s) closes them: the JDK client does not
        // retry a POST that it sent on a connection the server was closing at that moment.
        System.setProperty("jdk.httpclient.keepalive.timeout", "10");
    }

    /** A valid config whose one provider is never called (port 9): for commands that only need a config file. */
    public static final String IDLE_CONFIG = """
            providers:
              - provider: alpha
                base_url: http://127.0.0.1:9/v1/chat/completions
                api: sk-x
                model: [m]
            api_keys:
              - api: sk-only-key-0123456789
            """;

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
        return app(config, System.getenv(), overrides);
    }

    /**
     * The service on random ports, reading {@code config} (null: none on the command line, as when {@code CONFIG_URL}
     * is used), with {@code variables} as its environment variables.
     */
    public static DropwizardAppExtension<UniApiConfiguration> app(Path config, Map<String, String> variables,
                                                                  ConfigOverride... overrides) {
        ConfigOverride[] all = Stream.concat(Stream.of(ConfigOverride.randomPorts()), Stream.of(overrides))
                .toArray(ConfigOverride[]::new);
        return new DropwizardAppExtension<>(new DropwizardTestSupport<>(UniApiApplication.class,
                config == null ? null : config.toString(), all) {
            @Override
            public Application<UniApiConfiguration> newApplication() {
                return new UniApiApplication(variables::get);
            }
        });
    }

    /** The service on random ports, reading {@code config}, with cooldowns and rate limits on {@code clock}. */
    public static DropwizardAppExtension<UniApiConfiguration> app(Path config, Clock clock, ConfigOverride... overrides) {
        ConfigOverride[] all = Stream.concat(Stream.of(ConfigOverride.randomPorts()), Stream.of(overrides))
                .toArray(ConfigOverride[]::new);
        return new DropwizardAppExtension<>(new DropwizardTestSupport<>(UniApiApplication.class, config.toString(), all) {
            @Override
            public Application<UniApiConfiguration> newApplication() {
                return new UniApiApplication(clock);
            }
        });
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

    /** A POST to the admin port, e.g. {@code /tasks/reload-config}. */
    public static HttpResponse<String> adminPost(DropwizardAppExtension<?> app, String path) {
        return send(HttpRequest.newBuilder(URI.create(adminUrl(app) + path)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    public static HttpResponse<String> adminGet(DropwizardAppExtension<?> app, String path) {
        return get(adminUrl(app) + path, null);
    }

    /** A chat completion request body for {@code model}. */
    public static String chatBody(String model, boolean stream) {
        return "{\"model\":\"" + model + "\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
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
