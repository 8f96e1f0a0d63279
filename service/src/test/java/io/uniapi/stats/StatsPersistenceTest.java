package io.uniapi.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.uniapi.UniApiConfiguration;
import io.uniapi.config.Fingerprint;
import io.uniapi.testing.FakeUpstream;
import io.uniapi.testing.OpenAiWire;
import io.uniapi.testing.TestGateway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What lands in the statistics database (embedded H2 file) and what the statistics endpoints answer. */
@ExtendWith(DropwizardExtensionsSupport.class)
class StatsPersistenceTest {
    static final String ADMIN = "sk-admin-0123456789abcdefghij";
    static final String GUEST = "sk-guest-0123456789abcdefghij";
    static final String UPSTREAM_SECRET = "sk-upstream-secret-alpha-42";
    static final ObjectMapper JSON = new ObjectMapper();
    static final FakeUpstream UPSTREAM = FakeUpstream.start();
    static final Path CONFIG = TestGateway.writeConfig("""
            providers:
              - provider: alpha
                base_url: %1$s/alpha/v1/chat/completions
                api: %2$s
                model:
                  - gpt-4o-2024-08-06: gpt-4o
              - provider: gamma
                base_url: %1$s/gamma/v1/chat/completions
                api: sk-upstream-gamma
                model: [rated]
              - provider: delta
                base_url: %1$s/delta/v1/chat/completions
                api: sk-upstream-delta
                model: [rated]
            api_keys:
              - api: %3$s
                role: admin
              - api: %4$s
                role: guest
            """.formatted(UPSTREAM.baseUrl(), UPSTREAM_SECRET, ADMIN, GUEST));
    static final DropwizardAppExtension<UniApiConfiguration> APP = TestGateway.app(CONFIG);
    static final Jdbi DB = Jdbi.create("jdbc:h2:file:" + CONFIG.getParent().resolve("stats").toAbsolutePath()
            + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "");

    static {
        UPSTREAM.on("POST /alpha/v1/chat/completions", (request, exchange) -> {
            if (request.json().path("stream").asBoolean()) {
                OpenAiWire.stream("gpt-4o-2024-08-06", 0, "Hel", "lo", "!").respond(request, exchange);
            } else {
                OpenAiWire.answer("Hello").respond(request, exchange);
            }
        });
        UPSTREAM.on("POST /delta/v1/chat/completions", OpenAiWire.answer("from delta"));
    }

    @AfterAll
    static void stop() throws Exception {
        UPSTREAM.close();
    }

    @Test
    void aNonStreamedRequestLandsWithItsTokensAndNeverTheKey() {
        String id = requestId();
        HttpResponse<String> response = chat(GUEST, id, "gpt-4o", false);
        assertThat(response.statusCode()).isEqualTo(200);

        Map<String, Object> row = awaitRequestRow(id);
        assertThat(row).containsEntry("endpoint", "POST /v1/chat/completions")
                .containsEntry("key_fingerprint", Fingerprint.of(GUEST))
                .containsEntry("key_role", "guest")
                .containsEntry("model", "gpt-4o")
                .containsEntry("channel", "alpha")
                .containsEntry("status", 200)
                .containsEntry("stream", false)
                .containsEntry("prompt_tokens", 9L)
                .containsEntry("completion_tokens", 12L)
                .containsEntry("total_tokens", 21L)
                .containsEntry("retries", 0)
                .containsEntry("client_ip", "127.0.0.1");
        assertThat((Long) row.get("first_response_time_ms")).isNotNull().isLessThanOrEqualTo((Long) row.get("process_time_ms"));

        Map<String, Object> attempt = awaitAttemptRows(id, 1).get(0);
        assertThat(attempt).containsEntry("channel", "alpha").containsEntry("model", "gpt-4o")
                .containsEntry("upstream_model", "gpt-4o-2024-08-06").containsEntry("success", true)
                .containsEntry("status", 200).containsEntry("status_class", "2xx")
                .containsEntry("upstream_key_fingerprint", Fingerprint.of(UPSTREAM_SECRET));
        assertNoSecretStored();
    }

    @Test
    void aStreamedRequestLandsWithTheUsageTheGatewayAskedTheUpstreamFor() {
        OpenAIClient client = TestGateway.openAi(APP, GUEST);
        String id = requestId();
        StringBuilder text = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model("gpt-4o").addUserMessage("hi")
                        .putAdditionalHeader("x-request-id", id).build())) {
            stream.stream().forEach(chunk -> chunk.choices().forEach(c -> c.delta().content().ifPresent(text::append)));
        }
        assertThat(text.toString()).isEqualTo("Hello!");

        Map<String, Object> row = awaitRequestRow(id);
        assertThat(row).containsEntry("stream", true).containsEntry("status", 200)
                .containsEntry("prompt_tokens", 7L).containsEntry("completion_tokens", 3L)
                .containsEntry("total_tokens", 10L).containsEntry("channel", "alpha");
    }

    @Test
    void statsCountAttemptsPerChannelAndRequestsPerModel() throws Exception {
        // gamma answers twice, then fails once and delta takes over: gamma 2 of 3, delta 1 of 1.
        UPSTREAM.on("POST /gamma/v1/chat/completions", OpenAiWire.answer("from gamma"));
        assertThat(chat(ADMIN, requestId(), "rated", false).statusCode()).isEqualTo(200);
        assertThat(chat(ADMIN, requestId(), "rated", false).statusCode()).isEqualTo(200);
        UPSTREAM.on("POST /gamma/v1/chat/completions", (request, exchange) ->
                exchange.json(500, OpenAiWire.error("boom", "server_error", null)));
        String failedOver = requestId();
        HttpResponse<String> third = chat(ADMIN, failedOver, "rated", false);
        assertThat(third.body()).contains("from delta");
        assertThat(awaitRequestRow(failedOver)).containsEntry("retries", 1).containsEntry("channel", "delta");
        awaitAttemptRows(failedOver, 2);

        JsonNode stats = JSON.readTree(get("/v1/stats?hours=1", ADMIN).body());
        assertThat(stats.path("time_range").asText()).isEqualTo("Last 1 hours");
        JsonNode gamma = find(stats.path("channel_success_rates"), "provider", "gamma");
        assertThat(gamma.path("success_rate").asDouble()).isCloseTo(2.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(gamma.path("total_requests").asLong()).isEqualTo(3);
        JsonNode gammaRated = find(stats.path("channel_model_success_rates"), "provider", "gamma");
        assertThat(gammaRated.path("model").asText()).isEqualTo("rated");
        assertThat(find(stats.path("channel_success_rates"), "provider", "delta").path("success_rate").asDouble()).isEqualTo(1.0);
        assertThat(find(stats.path("model_request_counts"), "model", "rated").path("count").asLong()).isEqualTo(3);
        assertThat(find(stats.path("endpoint_request_counts"), "endpoint", "POST /v1/chat/completions").path("count").asLong())
                .isGreaterThanOrEqualTo(3);
        assertThat(find(stats.path("ip_request_counts"), "ip", "127.0.0.1").path("count").asLong()).isGreaterThanOrEqualTo(3);
        JsonNode rates = stats.path("channel_success_rates");
        for (int i = 1; i < rates.size(); i++) {
            assertThat(rates.get(i - 1).path("success_rate").asDouble()).isGreaterThanOrEqualTo(rates.get(i).path("success_rate").asDouble());
        }
    }

    @Test
    void statsAreForAdminsOnlyAndCheckTheirPeriod() throws Exception {
        HttpResponse<String> guest = get("/v1/stats", GUEST);
        assertThat(guest.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(guest.body()).path("error").path("code").asText()).isEqualTo("permission_denied");
        assertThat(get("/v1/stats?hours=0", ADMIN).statusCode()).isEqualTo(400);
        assertThat(get("/v1/stats?hours=721", ADMIN).statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(get("/v1/stats", ADMIN).body()).path("time_range").asText()).isEqualTo("Last 24 hours");
    }

    @Test
    void tokenUsageShowsAKeyOnlyItsOwnUsageAndAdminsEverything() throws Exception {
        chat(ADMIN, requestId(), "gpt-4o", false);
        String guestRequest = requestId();
        chat(GUEST, guestRequest, "gpt-4o", false);
        awaitRequestRow(guestRequest);

        JsonNode own = JSON.readTree(get("/v1/token_usage?api_key_param=" + ADMIN, GUEST).body());
        assertThat(own.path("query_details").path("api_key_filter").asText()).isEqualTo("self");
        assertThat(own.path("usage")).isNotEmpty().allSatisfy(row -> {
            assertThat(row.path("key_fingerprint").asText()).isEqualTo(Fingerprint.of(GUEST));
            assertThat(row.path("api_key_prefix").asText()).isEqualTo("sk-g…ghij").doesNotContain("0123456789");
        });
        JsonNode row = find(own.path("usage"), "model", "gpt-4o");
        assertThat(row.path("total_prompt_tokens").asLong()).isEqualTo(row.path("request_count").asLong() * 9
                - streamedPromptCorrection(own));
        assertThat(own.path("query_details").path("model_filter").asText()).isEqualTo("all");
        assertThat(own.path("query_details").path("credits").isNull()).isTrue();

        JsonNode all = JSON.readTree(get("/v1/token_usage", ADMIN).body());
        assertThat(all.path("query_details").path("api_key_filter").asText()).isEqualTo("all");
        assertThat(all.path("usage").findValuesAsText("key_fingerprint"))
                .contains(Fingerprint.of(GUEST), Fingerprint.of(ADMIN));

        JsonNode one = JSON.readTree(get("/v1/token_usage?last_n_days=1&model=gpt-4o&api_key_param=" + GUEST, ADMIN).body());
        assertThat(one.path("query_details").path("api_key_filter").asText()).isEqualTo("sk-g…ghij");
        assertThat(one.path("usage").findValuesAsText("key_fingerprint")).containsOnly(Fingerprint.of(GUEST));

        assertThat(get("/v1/token_usage?last_n_days=0", GUEST).statusCode()).isEqualTo(400);
        assertThat(get("/v1/token_usage?last_n_days=1&start_datetime=2024-01-01", GUEST).statusCode()).isEqualTo(400);
        assertThat(get("/v1/token_usage?start_datetime=yesterday", GUEST).statusCode()).isEqualTo(400);
        assertThat(get("/v1/token_usage?start_datetime=2024-02-01&end_datetime=2024-01-01", GUEST).statusCode()).isEqualTo(400);
        JsonNode none = JSON.readTree(get("/v1/token_usage?start_datetime=2001-01-01T00:00:00Z&end_datetime=2001-01-02", GUEST).body());
        assertThat(none.path("usage")).isEmpty();
        assertThat(none.path("query_details").path("end_datetime").asText()).isEqualTo("2001-01-03T00:00:00Z");
    }

    @Test
    void generatingKeysIsForAdminsOnly() throws Exception {
        HttpResponse<String> admin = get("/v1/generate-api-key", ADMIN);
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(admin.body()).path("api_key").asText()).matches("sk-[A-Za-z0-9]{48}");
        assertThat(get("/v1/generate-api-key", GUEST).statusCode()).isEqualTo(403);
    }

    @Test
    void prometheusExposesEveryMetricTheDocsTheDashboardAndTheAlertsName() throws Exception {
        chat(GUEST, requestId(), "gpt-4o", false);
        chat(GUEST, requestId(), "no-such-model", false);
        try (StreamResponse<ChatCompletionChunk> stream = TestGateway.openAi(APP, ADMIN).chat().completions()
                .createStreaming(ChatCompletionCreateParams.builder().model("gpt-4o").addUserMessage("hi").build())) {
            stream.stream().forEach(chunk -> { });
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> scrape().contains("uniapi_stats_written_total")
                && !scrape().contains("uniapi_stats_written_total 0.0"));

        String scrape = scrape();
        java.util.Set<String> exposed = new java.util.HashSet<>();
        scrape.lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                .forEach(line -> exposed.add(line.split("[{ ]", 2)[0]));
        Path root = CONFIG.getFileSystem().getPath(System.getProperty("user.dir")).getParent();
        java.util.Set<String> named = new java.util.TreeSet<>();
        for (Path file : List.of(root.resolve("README.md"),
                root.resolve("ops/grafana/uni-api-dashboard.json"), root.resolve("ops/prometheus/uni-api-alerts.yml"))) {
            java.util.regex.Matcher names = java.util.regex.Pattern.compile("uniapi_[a-z0-9_]*[a-z0-9](?![a-z0-9_<])")
                    .matcher(java.nio.file.Files.readString(file));
            while (names.find()) {
                named.add(names.group());
            }
        }
        assertThat(named).hasSizeGreaterThan(20);
        assertThat(exposed).containsAll(named);
        assertThat(scrape).contains("uniapi_client_requests_total{channel=\"alpha\",model=\"gpt-4o\",role=\"guest\",status_class=\"2xx\"}")
                .contains("uniapi_client_errors_total{category=\"model_not_found\",channel=\"none\",model=\"other\",role=\"guest\"}")
                .doesNotContain(ADMIN, GUEST, UPSTREAM_SECRET, "no-such-model");
    }

    private static String scrape() {
        return TestGateway.get(TestGateway.adminUrl(APP) + "/prometheus", null).body();
    }

    /** Streamed requests of this key report 7 prompt tokens instead of 9. */
    private static long streamedPromptCorrection(JsonNode usage) {
        return DB.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM request_stats WHERE key_fingerprint = :k"
                + " AND model = 'gpt-4o' AND stream").bind("k", Fingerprint.of(GUEST)).mapTo(Long.class).one()) * 2;
    }

    private static void assertNoSecretStored() {
        for (String table : List.of("request_stats", "channel_stats")) {
            String dump = DB.withHandle(h -> h.createQuery("SELECT * FROM " + table).mapToMap().list().toString());
            assertThat(dump).doesNotContain(ADMIN, GUEST, UPSTREAM_SECRET, "0123456789abcdefghij");
        }
    }

    static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode item : array) {
            if (value.equals(item.path(field).asText())) {
                return item;
            }
        }
        throw new AssertionError("no item with " + field + "=" + value + " in " + array);
    }

    static Map<String, Object> awaitRequestRow(String requestId) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> DB.withHandle(h -> h.createQuery(
                        "SELECT * FROM request_stats WHERE request_id = :id").bind("id", requestId).mapToMap().list()),
                rows -> rows.size() == 1).get(0);
    }

    static List<Map<String, Object>> awaitAttemptRows(String requestId, int count) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> DB.withHandle(h -> h.createQuery(
                        "SELECT * FROM channel_stats WHERE request_id = :id ORDER BY id").bind("id", requestId).mapToMap().list()),
                rows -> rows.size() == count);
    }

    static String requestId() {
        return "test-" + UUID.randomUUID();
    }

    static HttpResponse<String> chat(String key, String requestId, String model, boolean stream) {
        return TestGateway.send(HttpRequest.newBuilder(URI.create(TestGateway.baseUrl(APP) + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .header("x-request-id", requestId)
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"stream\":" + stream
                        + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build());
    }

    static HttpResponse<String> get(String path, String key) {
        return TestGateway.get(TestGateway.baseUrl(APP) + path, key);
    }
}
