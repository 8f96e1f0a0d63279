package io.uniapi.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.uniapi.UniApiConfiguration;
import io.uniapi.testing.FakeUpstream;
import io.uniapi.testing.OpenAiWire;
import io.uniapi.testing.TcpProxy;
import io.uniapi.testing.TestGateway;
import io.uniapi.testing.TestPostgres;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway on a real PostgreSQL reached through a TCP proxy the test controls: the database goes away (every
 * connection cut, new ones refused) and comes back. Requests must not notice; statistics must all arrive after.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class StatsPostgresOutageTest {
    static final String KEY = "sk-outage-admin-0123456789";
    static final ObjectMapper JSON = new ObjectMapper();
    static final FakeUpstream UPSTREAM = FakeUpstream.start();
    static final TestPostgres POSTGRES = TestPostgres.create();
    static final TcpProxy PROXY = proxy();
    static final DropwizardAppExtension<UniApiConfiguration> APP = TestGateway.app(TestGateway.writeConfig("""
            providers:
              - provider: alpha
                base_url: %s/v1/chat/completions
                api: sk-upstream-alpha
                model: [gpt-4o]
            api_keys:
              - api: %s
            database:
              driverClass: org.postgresql.Driver
              url: %s?connectTimeout=2&socketTimeout=10
              user: postgres
              password: ""
            stats:
              retryBackoff: 100ms
              maxRetryBackoff: 400ms
              queueCapacity: 1000
            """.formatted(UPSTREAM.baseUrl(), KEY, POSTGRES.url("127.0.0.1", PROXY.port()))));
    static final Jdbi DB = Jdbi.create(POSTGRES.url(), TestPostgres.USER, "");

    static {
        UPSTREAM.on("POST /v1/chat/completions", OpenAiWire.answer("fine"));
    }

    @AfterAll
    static void stop() throws Exception {
        UPSTREAM.close();
        PROXY.close();
        POSTGRES.close();
    }

    @Test
    void requestsKeepFlowingWhileTheDatabaseIsDownAndEveryRecordArrivesAfter() throws Exception {
        String before = requestId();
        assertThat(chat(before).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> rows(List.of(before)) == 1);

        PROXY.cut();
        List<String> during = new ArrayList<>();
        long slowest = 0;
        for (int i = 0; i < 30; i++) {
            String id = requestId();
            during.add(id);
            long start = System.nanoTime();
            assertThat(chat(id).statusCode()).isEqualTo(200);
            slowest = Math.max(slowest, System.nanoTime() - start);
        }
        assertThat(Duration.ofNanos(slowest)).isLessThan(Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(30)).until(() -> metric("uniapi_stats_queue_depth") > 0
                && metric("uniapi_stats_write_failures_total") > 0);
        JsonNode health = JSON.readTree(TestGateway.get(TestGateway.adminUrl(APP) + "/healthcheck", null).body());
        assertThat(health.path("database").path("healthy").asBoolean()).isFalse();
        assertThat(health.path("stats-writer").path("healthy").asBoolean()).isTrue();

        PROXY.restore();
        await().atMost(Duration.ofSeconds(30)).until(() -> rows(during) == 30);
        await().atMost(Duration.ofSeconds(10)).until(() -> metric("uniapi_stats_queue_depth") == 0);
        assertThat(metric("uniapi_stats_dropped_total")).isZero();
        long attempts = DB.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM channel_stats WHERE request_id IN (<ids>)")
                .bindList("ids", during).mapTo(Long.class).one());
        assertThat(attempts).isEqualTo(30);
        long tokens = DB.withHandle(h -> h.createQuery("SELECT SUM(total_tokens) FROM request_stats WHERE request_id IN (<ids>)")
                .bindList("ids", during).mapTo(Long.class).one());
        assertThat(tokens).isEqualTo(30 * 21);
    }

    @Test
    void migrationsOnPostgresAreIdempotent() {
        SchemaMigrator migrator = new SchemaMigrator(StatsDatabaseTest.postgres(POSTGRES.url()));
        migrator.migrate();
        migrator.migrate();
        long applied = DB.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM databasechangelog").mapTo(Long.class).one());
        assertThat(applied).isEqualTo(3);
    }

    private static long rows(List<String> ids) {
        try {
            return DB.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM request_stats WHERE request_id IN (<ids>)")
                    .bindList("ids", ids).mapTo(Long.class).one());
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** One sample of the Prometheus scrape on the admin port, by its exact name (no labels). */
    static double metric(String name) {
        String text = TestGateway.get(TestGateway.adminUrl(APP) + "/prometheus", null).body();
        return text.lines().filter(line -> line.startsWith(name + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(name.length() + 1).trim()))
                .findFirst().orElseThrow(() -> new AssertionError(name + " not in the scrape"));
    }

    private static String requestId() {
        return "outage-" + UUID.randomUUID();
    }

    private static HttpResponse<String> chat(String requestId) {
        return TestGateway.send(HttpRequest.newBuilder(URI.create(TestGateway.baseUrl(APP) + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + KEY)
                .header("Content-Type", "application/json")
                .header("x-request-id", requestId)
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build());
    }

    private static TcpProxy proxy() {
        try {
            return new TcpProxy(TestPostgres.HOST, TestPostgres.PORT);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
