package io.uniapi.config;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.uniapi.UniApiConfiguration;
import io.uniapi.testing.FakeUpstream;
import io.uniapi.testing.LogCapture;
import io.uniapi.testing.OpenAiWire;
import io.uniapi.testing.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Editing api.yaml while the service runs: every way editors save, broken saves, saves under load. */
@ExtendWith(DropwizardExtensionsSupport.class)
class HotReloadTest {
    /** What the issue promises: a save serves within 2 seconds. */
    private static final Duration RELOAD_DEADLINE = Duration.ofSeconds(2);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FakeUpstream UPSTREAM = FakeUpstream.start()
            .on("POST /v1/chat/completions", OpenAiWire.answerOrStream("ok"));
    private static final String BASE = """
            providers:
              - provider: up
                base_url: %s
                api: sk-upstream-reload-secret
                model: [m-base]
            api_keys:
              - api: sk-client-reload
            """.formatted(UPSTREAM.url("/v1/chat/completions"));
    private static final Path CONFIG = TestGateway.writeConfig(BASE);
    static final DropwizardAppExtension<UniApiConfiguration> APP = TestGateway.app(CONFIG);

    private static LogCapture logs;

    @BeforeAll
    static void captureLogs() {
        logs = LogCapture.all();
    }

    @AfterAll
    static void stop() throws Exception {
        logs.close();
        UPSTREAM.close();
    }

    /** Every test starts from BASE, loaded synchronously by the admin task so no earlier save is still pending. */
    @BeforeEach
    void startFromBase() throws IOException {
        Files.writeString(CONFIG, BASE);
        assertThat(TestGateway.adminPost(APP, "/tasks/reload-config").body()).startsWith("OK");
        logs.clear();
    }

    @Test
    void anInPlaceEditThatTruncatesThenWritesServesTheNewProviderKeyAndModelWithinTwoSeconds() throws Exception {
        String edited = withNewProviderAndKey("m-inplace", "sk-client-inplace");

        try (FileChannel channel = FileChannel.open(CONFIG, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.force(true);
            Thread.sleep(100);
            channel.write(ByteBuffer.wrap(edited.getBytes(StandardCharsets.UTF_8)));
        }

        awaitServed("sk-client-inplace", "m-inplace");
        assertThat(health().path("healthy").asBoolean()).isTrue();
        assertThat(logs.lines(Level.ERROR, ConfigHolder.class)).isEmpty();
    }

    @Test
    void aRenameOverSaveServesTheNewProviderKeyAndModelWithinTwoSeconds() throws Exception {
        Path temporary = CONFIG.resolveSibling(".api.yaml.swp");
        Files.writeString(temporary, withNewProviderAndKey("m-renamed", "sk-client-renamed"));

        Files.move(temporary, CONFIG, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

        awaitServed("sk-client-renamed", "m-renamed");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "YAML syntax        | 'providers: [\\n  - provider: up\\n' | not valid YAML at line",
            "wrong type         | 'BASE_WITH tools: maybe'             | providers[0].tools: 'maybe' (expected true or false)",
            "missing required   | 'BASE_PLUS_PROVIDER_WITHOUT_NAME'    | providers[1].provider: missing (required)",
            "unknown provider   | 'BASE_WITH_RULE nope/*'              | api_keys[0].model[0]: 'nope/*' names provider 'nope'",
    })
    void aBrokenSaveKeepsTheOldConfigServingTurnsTheHealthCheckUnhealthyLogsOneErrorAndAGoodSaveRecovers(
            String kind, String broken, String reason) throws Exception {
        long failuresBefore = meter("uniapi.config.reload_failures");

        Files.writeString(CONFIG, brokenConfig(broken));

        await().atMost(RELOAD_DEADLINE).pollInterval(Duration.ofMillis(25))
                .until(() -> !health().path("healthy").asBoolean());
        JsonNode health = health();
        assertThat(health.path("message").asText()).contains("rejected, still serving version").contains(reason);
        assertThat(serves("sk-client-reload", "m-base")).as("the previous config keeps serving").isTrue();
        Thread.sleep(1500); // the watcher's poll runs again: the same broken content must not be reported twice
        assertThat(logs.lines(Level.ERROR, ConfigHolder.class)).singleElement().asString().contains(reason);
        assertThat(meter("uniapi.config.reload_failures")).isEqualTo(failuresBefore + 1);

        Files.writeString(CONFIG, withNewProviderAndKey("m-recovered", "sk-client-recovered"));

        awaitServed("sk-client-recovered", "m-recovered");
        assertThat(health().path("healthy").asBoolean()).isTrue();
    }

    @Test
    void theAdminTaskReloadsAtOnceAndSaysWhetherTheNewVersionWasTaken() throws Exception {
        long version = health().path("version").asLong();
        Files.writeString(CONFIG, withNewProviderAndKey("m-task", "sk-client-task"));

        HttpResponse<String> ok = TestGateway.adminPost(APP, "/tasks/reload-config");

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).startsWith("OK: reloaded version ");
        assertThat(serves("sk-client-task", "m-task")).as("served as soon as the task answered").isTrue();
        assertThat(health().path("version").asLong()).isGreaterThan(version);

        Files.writeString(CONFIG, BASE.replace("api: sk-upstream-reload-secret", "api: {x: y}"));
        HttpResponse<String> rejected = TestGateway.adminPost(APP, "/tasks/reload-config");

        assertThat(rejected.body()).startsWith("REJECTED: ").contains("providers[0].api: a mapping");
        assertThat(serves("sk-client-task", "m-task")).isTrue();
    }

    @Test
    void changingADropwizardSectionIsLoggedAsNeedingARestartWhileTheRestOfTheEditApplies() throws Exception {
        Files.writeString(CONFIG, withNewProviderAndKey("m-logging", "sk-client-logging")
                + "logging:\n  level: DEBUG\nupstream_http:\n  maxConnectionsPerHost: 7\n");

        awaitServed("sk-client-logging", "m-logging");

        assertThat(logs.lines(Level.WARN, ConfigHolder.class))
                .anySatisfy(line -> assertThat(line).contains("logging").contains("upstream_http").contains("need a restart"));
    }

    @Test
    void requestsInFlightDuringManyReloadsAllSucceed() throws Exception {
        String twoChannels = BASE.replace("""
                api_keys:""", """
                  - provider: up-b
                    base_url: %s
                    api: sk-upstream-reload-b
                    model: [m-base, m-extra]
                api_keys:""".formatted(UPSTREAM.url("/v1/chat/completions")));
        long versionBefore = health().path("version").asLong();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger succeeded = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ExecutorService clients = Executors.newFixedThreadPool(6);
        List<Future<?>> load = new ArrayList<>();
        for (int c = 0; c < 6; c++) {
            boolean stream = c % 2 == 0;
            load.add(clients.submit(() -> {
                while (running.get()) {
                    try {
                        HttpResponse<String> response = TestGateway.post(APP, "/v1/chat/completions", "sk-client-reload",
                                TestGateway.chatBody("m-base", stream));
                        if (response.statusCode() != 200 || (stream && !response.body().endsWith("data: [DONE]\n\n"))) {
                            failures.add(response.statusCode() + " " + response.body());
                        } else {
                            succeeded.incrementAndGet();
                        }
                    } catch (RuntimeException e) {
                        failures.add(e.toString());
                    }
                }
            }));
        }
        try {
            for (int i = 0; i < 30; i++) {
                String next = i % 2 == 0 ? twoChannels : BASE;
                if (i % 3 == 0) {
                    Path temporary = CONFIG.resolveSibling("api.yaml.tmp");
                    Files.writeString(temporary, next);
                    Files.move(temporary, CONFIG, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } else {
                    Files.writeString(CONFIG, next);
                }
                Thread.sleep(i % 5 == 0 ? 20 : 200);
                if (i % 4 == 0) {
                    TestGateway.adminPost(APP, "/tasks/reload-config");
                }
            }
        } finally {
            running.set(false);
            for (Future<?> f : load) {
                f.get();
            }
            clients.shutdown();
        }

        assertThat(failures).isEmpty();
        assertThat(succeeded.get()).isGreaterThan(50);
        assertThat(health().path("version").asLong() - versionBefore).as("reloads that happened").isGreaterThanOrEqualTo(10);
        assertThat(logs.lines(Level.ERROR, ConfigHolder.class)).isEmpty();
    }

    static String withNewProviderAndKey(String model, String key) {
        return BASE.replace("""
                api_keys:""", """
                  - provider: up-new
                    base_url: %s
                    api: sk-upstream-reload-new
                    model: [%s]
                api_keys:
                  - api: %s
                    model: [up-new/*]""".formatted(UPSTREAM.url("/v1/chat/completions"), model, key));
    }

    private static String brokenConfig(String spec) {
        String kind = spec.replace("\\n", "\n");
        if (kind.startsWith("BASE_WITH tools:")) {
            return BASE.replace("model: [m-base]", "model: [m-base]\n    tools: maybe");
        }
        if (kind.equals("BASE_PLUS_PROVIDER_WITHOUT_NAME")) {
            return BASE.replace("api_keys:", "  - base_url: https://h.example/v1\napi_keys:");
        }
        if (kind.startsWith("BASE_WITH_RULE ")) {
            return BASE + "    model: [" + kind.substring("BASE_WITH_RULE ".length()) + "]\n";
        }
        return kind;
    }

    static void awaitServed(String key, String model) {
        await().atMost(RELOAD_DEADLINE).pollInterval(Duration.ofMillis(25)).until(() -> serves(key, model));
        HttpResponse<String> models = TestGateway.get(TestGateway.baseUrl(APP) + "/v1/models", key);
        assertThat(models.body()).contains("\"id\":\"" + model + "\"");
    }

    private static boolean serves(String key, String model) {
        return TestGateway.post(APP, "/v1/chat/completions", key, TestGateway.chatBody(model, false)).statusCode() == 200;
    }

    private static JsonNode health() throws IOException {
        return JSON.readTree(TestGateway.adminGet(APP, "/healthcheck").body()).path("config");
    }

    private static long meter(String name) throws IOException {
        return JSON.readTree(TestGateway.adminGet(APP, "/metrics").body()).path("meters").path(name).path("count").asLong();
    }
}
