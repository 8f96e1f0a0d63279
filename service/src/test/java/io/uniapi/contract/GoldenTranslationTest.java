package io.uniapi.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uniapi.config.Channel;
import io.uniapi.http.SseEvent;
import io.uniapi.http.SseReader;
import io.uniapi.http.UpstreamRequest;
import io.uniapi.providers.AttemptTarget;
import io.uniapi.providers.BuiltInEngines;
import io.uniapi.providers.ChatRequest;
import io.uniapi.providers.ChunkSink;
import io.uniapi.providers.ProviderEngine;
import io.uniapi.providers.StreamTranslator;
import io.uniapi.testing.TestChannels;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden translation cases, one folder per case under {@code src/test/resources/golden/<engine>/<case>/}:
 * <ul>
 *   <li>{@code channel.yaml}: the {@code providers:} list (else the engine folder's {@code channel.yaml});</li>
 *   <li>{@code client.json} → {@code upstream.json}, {@code url.txt}, {@code headers.json} (a subset): the exact
 *       upstream request;</li>
 *   <li>{@code response.upstream.json} → {@code response.client.json}: a non-streamed answer;</li>
 *   <li>{@code stream.upstream.sse} → {@code stream.client.jsonl}: a stream, one client chunk per line, then
 *       {@code [DONE]} when the translator ended the stream.</li>
 * </ul>
 * Generated ids and times are replaced by {@code "<id>"} and {@code 0}. Run with {@code -Dgolden.record=true} to
 * write missing expectations (then read them before committing).
 */
class GoldenTranslationTest {
    private static final Path ROOT = Path.of("src/test/resources/golden");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final boolean RECORD = Boolean.getBoolean("golden.record");

    @TestFactory
    Stream<DynamicTest> goldenCases() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> engines = Files.list(ROOT)) {
            for (Path engine : engines.sorted().toList()) {
                try (Stream<Path> cases = Files.list(engine)) {
                    for (Path dir : cases.filter(Files::isDirectory).sorted().toList()) {
                        tests.add(DynamicTest.dynamicTest(engine.getFileName() + "/" + dir.getFileName(), () -> run(dir)));
                    }
                }
            }
        }
        assertThat(tests).isNotEmpty();
        return tests.stream();
    }

    private static void run(Path dir) throws Exception {
        Path channelFile = Files.exists(dir.resolve("channel.yaml")) ? dir.resolve("channel.yaml")
                : dir.getParent().resolve("channel.yaml");
        Channel channel = TestChannels.channel(Files.readString(channelFile));
        JsonNode client = readJson(dir.resolve("client.json"));
        String alias = client.path("model").asText(channel.models().get(0).alias());
        AttemptTarget target = TestChannels.target(channel, alias);
        ProviderEngine engine = BuiltInEngines.registry().engine(channel.config(), target.upstreamModel()).orElseThrow();
        ChatRequest request = new ChatRequest((ObjectNode) client, alias, client.path("stream").asBoolean(false),
                client.path("stream_options").path("include_usage").asBoolean(false));
        boolean ran = false;
        if (Files.exists(dir.resolve("client.json")) && (Files.exists(dir.resolve("upstream.json")) || RECORD)) {
            UpstreamRequest call = engine.chatRequest(request, target);
            expectJson(dir.resolve("upstream.json"), JSON.readTree(call.body()));
            expectText(dir.resolve("url.txt"), call.uri().toString());
            if (Files.exists(dir.resolve("headers.json"))) {
                JsonNode expected = readJson(dir.resolve("headers.json"));
                Map<String, String> actual = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                actual.putAll(call.headers());
                expected.fields().forEachRemaining(h -> assertThat(actual.get(h.getKey())).as("header %s", h.getKey())
                        .isEqualTo(h.getValue().isNull() ? null : h.getValue().asText()));
            }
            ran = true;
        }
        if (Files.exists(dir.resolve("response.upstream.json"))) {
            ObjectNode completion = engine.chatResponse(Files.readAllBytes(dir.resolve("response.upstream.json")), request, target);
            expectJson(dir.resolve("response.client.json"), normalise(completion));
            ran = true;
        }
        if (Files.exists(dir.resolve("stream.upstream.sse"))) {
            expectText(dir.resolve("stream.client.jsonl"), translateStream(engine.streamTranslator(request, target),
                    Files.readAllBytes(dir.resolve("stream.upstream.sse"))));
            ran = true;
        }
        assertThat(ran).as("case %s has something to check", dir).isTrue();
    }

    private static String translateStream(StreamTranslator translator, byte[] sse) throws Exception {
        StringBuilder out = new StringBuilder();
        boolean[] done = {false};
        ChunkSink sink = new ChunkSink() {
            @Override
            public void chunk(ObjectNode chunk) {
                out.append(normalise(chunk)).append('\n');
            }

            @Override
            public void comment(String text) {
                out.append(": ").append(text).append('\n');
            }

            @Override
            public void done() {
                done[0] = true;
            }
        };
        SseReader reader = new SseReader(new ByteArrayInputStream(sse));
        for (SseEvent event = reader.next(); event != null; event = reader.next()) {
            translator.onEvent(event, sink);
        }
        translator.onEnd(sink);
        if (done[0]) {
            out.append("[DONE]\n");
        }
        return out.toString();
    }

    private static ObjectNode normalise(ObjectNode node) {
        if (node.has("id")) {
            node.put("id", "<id>");
        }
        if (node.has("created")) {
            node.put("created", 0);
        }
        return node;
    }

    private static JsonNode readJson(Path file) throws IOException {
        return Files.exists(file) ? JSON.readTree(file.toFile()) : JSON.createObjectNode();
    }

    private static void expectJson(Path file, JsonNode actual) throws IOException {
        if (!Files.exists(file) && RECORD) {
            Files.writeString(file, JSON.writeValueAsString(actual) + "\n");
        }
        // Re-parsed so that numbers compare by value (LongNode 1 equals IntNode 1); object key order is ignored.
        assertThat(JSON.readTree(JSON.writeValueAsString(actual))).as(file.toString())
                .isEqualTo(JSON.readTree(file.toFile()));
    }

    private static void expectText(Path file, String actual) throws IOException {
        if (!Files.exists(file) && RECORD) {
            Files.writeString(file, actual.endsWith("\n") ? actual : actual + "\n");
        }
        if (Files.exists(file) || !file.getFileName().toString().equals("url.txt")) {
            assertThat(actual.strip()).as(file.toString()).isEqualTo(Files.readString(file, StandardCharsets.UTF_8).strip());
        }
    }
}
