package io.uniapi.api;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.uniapi.UniApiConfiguration;
import io.uniapi.testing.FakeUpstream;
import io.uniapi.testing.OpenAiWire;
import io.uniapi.testing.RecordedRequest;
import io.uniapi.testing.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The official OpenAI SDK talking to the gateway in front of an OpenAI-compatible upstream. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ChatCompletionsTest {
    @RegisterExtension
    static final FakeUpstream UPSTREAM = FakeUpstream.start();
    static final DropwizardAppExtension<UniApiConfiguration> APP = TestGateway.app(TestGateway.writeConfig("""
            providers:
              - provider: up
                base_url: %s
                api: sk-upstream-secret-1
                model:
                  - gpt-4o-2024-08-06: gpt-4o
                  - gpt-4o-mini
            api_keys:
              - api: sk-client-1
            """.formatted(UPSTREAM.url("/v1/chat/completions"))));

    @Test
    void nonStreamingAnswerReachesTheSdkWithTheAliasAsModel() {
        UPSTREAM.on("POST /v1/chat/completions", OpenAiWire.answer("Hello there"));
        OpenAIClient client = TestGateway.openAi(APP, "sk-client-1");

        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gpt-4o").addUserMessage("hi").build());

        assertThat(completion.choices().get(0).message().content()).contains("Hello there");
        assertThat(completion.model()).isEqualTo("gpt-4o");
        assertThat(completion.usage().get().totalTokens()).isEqualTo(21);
        RecordedRequest upstream = UPSTREAM.lastRequest();
        assertThat(upstream.json().path("model").asText()).isEqualTo("gpt-4o-2024-08-06");
        assertThat(upstream.header("Authorization")).isEqualTo("Bearer sk-upstream-secret-1");
    }

    @Test
    void unknownRequestFieldsPassThroughUntouched() {
        UPSTREAM.on("POST /v1/chat/completions", OpenAiWire.answer("ok"));
        OpenAIClient client = TestGateway.openAi(APP, "sk-client-1");

        client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gpt-4o-mini").addUserMessage("hi").temperature(0.3)
                .putAdditionalBodyProperty("vendor_flag", JsonValue.from(List.of(1, 2)))
                .build());

        var body = UPSTREAM.lastRequest().json();
        assertThat(body.path("vendor_flag").toString()).isEqualTo("[1,2]");
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.3);
        assertThat(body.path("messages").get(0).path("content").asText()).isEqualTo("hi");
    }

    @Test
    void streamingDeliversEveryChunkAndHidesTheUsageChunkTheClientDidNotAskFor() {
        UPSTREAM.on("POST /v1/chat/completions", OpenAiWire.stream("gpt-4o-mini", 0, "Hel", "lo"));
        OpenAIClient client = TestGateway.openAi(APP, "sk-client-1");

        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model("gpt-4o-mini").addUserMessage("hi").build())) {
            stream.stream().forEach(chunks::add);
        }

        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> c.choices().forEach(choice -> choice.delta().content().ifPresent(text::append)));
        assertThat(text.toString()).isEqualTo("Hello");
        assertThat(chunks).allSatisfy(c -> assertThat(c.choices()).isNotEmpty());
        assertThat(chunks.get(chunks.size() - 1).choices().get(0).finishReason()).isPresent();
        assertThat(UPSTREAM.lastRequest().json().path("stream_options").path("include_usage").asBoolean()).isTrue();
    }

    @Test
    void streamingPassesTheUsageChunkWhenTheClientAsksForIt() {
        UPSTREAM.on("POST /v1/chat/completions", OpenAiWire.stream("gpt-4o-mini", 0, "a", "b", "c"));
        OpenAIClient client = TestGateway.openAi(APP, "sk-client-1");

        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model("gpt-4o-mini").addUserMessage("hi")
                        .streamOptions(com.openai.models.chat.completions.ChatCompletionStreamOptions.builder()
                                .includeUsage(true).build())
                        .build())) {
            stream.stream().forEach(chunks::add);
        }

        ChatCompletionChunk last = chunks.get(chunks.size() - 1);
        assertThat(last.choices()).isEmpty();
        assertThat(last.usage().get().completionTokens()).isEqualTo(3);
    }

    @Test
    void streamedChunksReachTheClientAsTheyArriveNotAllAtTheEnd() {
        UPSTREAM.on("POST /v1/chat/completions", OpenAiWire.stream("gpt-4o-mini", 400, "one", "two", "three", "four"));
        OpenAIClient client = TestGateway.openAi(APP, "sk-client-1");

        List<Long> arrivals = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model("gpt-4o-mini").addUserMessage("hi").build())) {
            stream.stream().forEach(chunk -> {
                if (chunk.choices().stream().anyMatch(c -> c.delta().content().filter(s -> !s.isEmpty()).isPresent())) {
                    arrivals.add(System.nanoTime());
                }
            });
        }

        assertThat(arrivals).hasSize(4);
        for (int i = 1; i < arrivals.size(); i++) {
            long gapMillis = (arrivals.get(i) - arrivals.get(i - 1)) / 1_000_000;
            assertThat(gapMillis).as("gap before chunk %d", i).isGreaterThan(250);
        }
    }
}
