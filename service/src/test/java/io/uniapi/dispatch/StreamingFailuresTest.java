package io.uniapi.dispatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.uniapi.UniApiConfiguration;
import io.uniapi.testing.FakeUpstream;
import io.uniapi.testing.OpenAiWire;
import io.uniapi.testing.TestGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Streams that end badly after they started: the client leaves, or the upstream breaks off. */
@ExtendWith(DropwizardExtensionsSupport.class)
class StreamingFailuresTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LONG_STREAM_EVENTS = 400;
    private static final AtomicInteger WRITTEN = new AtomicInteger();
    @RegisterExtension
    static final FakeUpstream UPSTREAM = FakeUpstream.start();
    static final DropwizardAppExtension<UniApiConfiguration> APP = TestGateway.app(TestGateway.writeConfig("""
            providers:
              - provider: up
                base_url: %s
                api: sk-upstream-streaming
                model: [m]
            api_keys:
              - api: sk-client-streaming
            """.formatted(UPSTREAM.url("/v1/chat/completions"))));

    @BeforeEach
    void reset() {
        WRITTEN.set(0);
    }

    @Test
    void aClientThatDisconnectsMidStreamCancelsTheUpstreamRequest() throws Exception {
        UPSTREAM.on("POST /v1/chat/completions", (request, exchange) -> {
            exchange.startSse();
            exchange.event(OpenAiWire.roleChunk("m"));
            for (int i = 0; i < LONG_STREAM_EVENTS; i++) {
                exchange.pause(25);
                exchange.event(OpenAiWire.contentChunk("m", "w" + i));
                WRITTEN.incrementAndGet();
            }
            exchange.event(OpenAiWire.finishChunk("m", "stop"));
            exchange.event("[DONE]");
        });

        try (Socket socket = new Socket("127.0.0.1", APP.getLocalPort())) {
            socket.setSoTimeout(10_000);
            sendStreamingRequest(socket.getOutputStream());
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            assertThat(in.readLine()).startsWith("HTTP/1.1 200");
            int contentEvents = 0;
            while (contentEvents < 3) {
                String line = in.readLine();
                if (line != null && line.contains("\"content\":\"w")) {
                    contentEvents++;
                }
            }
        }
        long disconnectedAt = System.nanoTime();

        await().atMost(Duration.ofSeconds(3)).until(() -> UPSTREAM.brokenWrites() == 1);
        long cancelledAfterMillis = (System.nanoTime() - disconnectedAt) / 1_000_000;
        assertThat(WRITTEN.get()).as("events the upstream wrote before its connection was closed")
                .isLessThan(LONG_STREAM_EVENTS / 2);
        assertThat(cancelledAfterMillis).isLessThan(3000);
        await().atMost(Duration.ofSeconds(2)).until(() -> streamsInFlight() == 0);
        assertThat(meter("uniapi.requests.errors.client_disconnected")).isPositive();
        UPSTREAM.on("POST /v1/chat/completions", OpenAiWire.answerOrStream("still fine"));
        assertThat(TestGateway.post(APP, "/v1/chat/completions", "sk-client-streaming",
                TestGateway.chatBody("m", true)).body()).contains("still fine");
    }

    @Test
    void anUpstreamThatBreaksOffAfterTheFirstContentEndsTheStreamWithOneErrorEventAndNoDone() throws Exception {
        UPSTREAM.on("POST /v1/chat/completions", (request, exchange) -> {
            exchange.startSse();
            exchange.event(OpenAiWire.roleChunk("m"));
            exchange.event(OpenAiWire.contentChunk("m", "Hel"));
            exchange.event(OpenAiWire.contentChunk("m", "lo"));
            exchange.pause(50);
            exchange.cut();
        });

        HttpResponse<String> response = TestGateway.post(APP, "/v1/chat/completions", "sk-client-streaming",
                TestGateway.chatBody("m", true));

        assertThat(response.statusCode()).isEqualTo(200);
        List<String> events = Arrays.stream(response.body().split("\n\n")).filter(e -> !e.isBlank()).toList();
        assertThat(events).noneMatch(e -> e.contains("[DONE]"));
        assertThat(events).filteredOn(e -> e.contains("\"error\"")).hasSize(1);
        String last = events.get(events.size() - 1);
        assertThat(last).startsWith("data: ");
        var error = JSON.readTree(last.substring("data: ".length())).path("error");
        assertThat(error.path("code").asText()).isEqualTo("stream_interrupted");
        assertThat(error.path("type").asText()).isEqualTo("upstream_error");
        assertThat(error.path("message").asText()).startsWith("Upstream stream failed: ");
        assertThat(response.body()).contains("\"content\":\"Hel\"").contains("\"content\":\"lo\"");
        assertThat(response.body()).doesNotContain("sk-upstream-streaming");
        assertThat(meter("uniapi.requests.errors.stream_interrupted")).isPositive();
    }

    @Test
    void theOpenAiSdkSeesTheBrokenStreamAsAnErrorAfterTheTextItGot() {
        UPSTREAM.on("POST /v1/chat/completions", (request, exchange) -> {
            exchange.startSse();
            exchange.event(OpenAiWire.contentChunk("m", "partial"));
            exchange.cut();
        });
        StringBuilder text = new StringBuilder();

        assertThatThrownBy(() -> {
            try (StreamResponse<ChatCompletionChunk> stream = TestGateway.openAi(APP, "sk-client-streaming").chat()
                    .completions().createStreaming(ChatCompletionCreateParams.builder().model("m").addUserMessage("hi")
                            .build())) {
                stream.stream().forEach(chunk -> chunk.choices().forEach(c -> c.delta().content().ifPresent(text::append)));
            }
        }).hasMessageContaining("Upstream stream failed");
        assertThat(text.toString()).isEqualTo("partial");
    }

    private static void sendStreamingRequest(OutputStream out) throws Exception {
        byte[] body = TestGateway.chatBody("m", true).getBytes(StandardCharsets.UTF_8);
        String head = "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer sk-client-streaming\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    private static long streamsInFlight() throws Exception {
        return JSON.readTree(TestGateway.adminGet(APP, "/metrics").body())
                .path("counters").path("uniapi.streams.inflight").path("count").asLong();
    }

    private static long meter(String name) throws Exception {
        return JSON.readTree(TestGateway.adminGet(APP, "/metrics").body()).path("meters").path(name).path("count").asLong();
    }
}
