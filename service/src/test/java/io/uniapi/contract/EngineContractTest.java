package io.uniapi.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartImage;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.uniapi.UniApiConfiguration;
import io.uniapi.contract.ContractUpstream.Capability;
import io.uniapi.testing.FakeUpstream;
import io.uniapi.testing.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The client-level contract every engine meets (issue 5): the same scenarios, with the official OpenAI Java SDK as
 * client, against the real gateway in front of each engine's strict fake upstream. A subclass names the engine's
 * {@link ContractUpstream}; scenarios needing a capability the provider lacks are skipped, visibly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class EngineContractTest {
    static final String MODEL = "contract-model";
    static final String KEY = "sk-contract-client-1";
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R', 1, 2};
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ContractUpstream provider = provider();
    private FakeUpstream upstream;
    private DropwizardAppExtension<UniApiConfiguration> app;
    private OpenAIClient client;

    /** The engine under test. */
    protected abstract ContractUpstream provider();

    @BeforeAll
    void startGateway() throws Exception {
        upstream = FakeUpstream.start();
        app = TestGateway.app(TestGateway.writeConfig("providers:\n"
                + provider.providerYaml("contract", upstream, List.of(provider.upstreamModel() + ": " + MODEL))
                .indent(2) + "api_keys:\n  - api: " + KEY + "\n"));
        app.before();
        client = TestGateway.openAi(app, KEY);
    }

    @AfterAll
    void stopGateway() throws Exception {
        app.after();
        upstream.close();
    }

    @BeforeEach
    void reset() {
        upstream.reset();
        upstream.on("GET /cat.png", (request, exchange) -> exchange.bytes(200, "image/png", PNG));
    }

    private ChatCompletionCreateParams.Builder params() {
        return ChatCompletionCreateParams.builder().model(MODEL).addSystemMessage("Be brief.").addUserMessage("Hello?");
    }

    private ChatCompletion complete(ChatCompletionCreateParams params) {
        return client.chat().completions().create(params);
    }

    private List<ChatCompletionChunk> stream(ChatCompletionCreateParams params) {
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
            stream.stream().forEach(chunks::add);
        }
        return chunks;
    }

    private static String text(List<ChatCompletionChunk> chunks) {
        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> c.choices().forEach(choice -> choice.delta().content().ifPresent(text::append)));
        return text.toString();
    }

    private static String reasoning(List<ChatCompletionChunk> chunks) {
        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> c.choices().forEach(choice -> {
            JsonValue value = choice.delta()._additionalProperties().get("reasoning_content");
            if (value != null && value.asString().isPresent()) {
                text.append(value.asString().get());
            }
        }));
        return text.toString();
    }

    private static Optional<String> finishReason(List<ChatCompletionChunk> chunks) {
        return chunks.stream().flatMap(c -> c.choices().stream()).map(ChatCompletionChunk.Choice::finishReason)
                .flatMap(Optional::stream).map(reason -> reason.asString()).reduce((first, second) -> second);
    }

    private static ChatCompletionFunctionTool tool(String name) {
        return ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder().name(name)
                .description("Looks up " + name)
                .parameters(FunctionParameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .build())
                .build()).build();
    }

    // ---- text -----------------------------------------------------------------------------------------------

    @Test
    void text_aCompletionCarriesTheAnswerTheAliasStopAndUsage() {
        provider.answer(upstream, Script.text("Hello", " there"));

        ChatCompletion completion = complete(params().build());

        assertThat(completion.choices().get(0).message().content()).contains("Hello there");
        assertThat(completion.model()).isEqualTo(MODEL);
        assertThat(completion.choices().get(0).finishReason().asString()).isEqualTo("stop");
        assertThat(completion.usage().get().promptTokens()).isEqualTo(11);
        assertThat(completion.usage().get().completionTokens()).isEqualTo(2);
        assertThat(completion.usage().get().totalTokens()).isEqualTo(13);
        assertThat(provider.chatCalls(upstream)).hasSize(1);
    }

    @Test
    void text_aStreamStartsWithTheRoleAndEndsWithStopAndDone() throws Exception {
        provider.answer(upstream, Script.text("Hel", "lo", "!"));

        HttpResponse<String> raw = TestGateway.post(app, "/v1/chat/completions", KEY,
                "{\"model\":\"" + MODEL + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.body()).doesNotContain("filter_results");
        List<String> events = raw.body().lines().filter(line -> line.startsWith("data: ")).map(l -> l.substring(6)).toList();
        assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
        JsonNode first = JSON.readTree(events.get(0));
        assertThat(first.path("choices").get(0).path("delta").path("role").asText()).isEqualTo("assistant");
        assertThat(first.path("model").asText()).isEqualTo(MODEL);
        StringBuilder text = new StringBuilder();
        String finish = null;
        for (String event : events.subList(0, events.size() - 1)) {
            JsonNode chunk = JSON.readTree(event);
            assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(chunk.path("choices")).as("no usage chunk unless asked").isNotEmpty();
            text.append(chunk.path("choices").get(0).path("delta").path("content").asText(""));
            if (!chunk.path("choices").get(0).path("finish_reason").isNull()) {
                finish = chunk.path("choices").get(0).path("finish_reason").asText();
            }
        }
        assertThat(text.toString()).isEqualTo("Hello!");
        assertThat(finish).isEqualTo("stop");
    }

    @Test
    void text_aRawCompletionIsPlainOpenAiJson() throws Exception {
        provider.answer(upstream, Script.text("Plain"));

        HttpResponse<String> raw = TestGateway.post(app, "/v1/chat/completions", KEY,
                "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.body()).doesNotContain("filter_results");
        JsonNode body = JSON.readTree(raw.body());
        assertThat(body.path("object").asText()).isEqualTo("chat.completion");
        assertThat(body.path("model").asText()).isEqualTo(MODEL);
        assertThat(body.path("choices").get(0).path("message").path("role").asText()).isEqualTo("assistant");
    }

    @Test
    void text_aStreamEndsWithAUsageChunkWhenTheClientAsksForIt() {
        provider.answer(upstream, Script.text("a", "b").withUsage(30, 7, 0, 0));

        List<ChatCompletionChunk> chunks = stream(params()
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build());

        ChatCompletionChunk last = chunks.get(chunks.size() - 1);
        assertThat(last.choices()).isEmpty();
        assertThat(last.usage().get().promptTokens()).isEqualTo(30);
        assertThat(last.usage().get().completionTokens()).isEqualTo(7);
        assertThat(last.usage().get().totalTokens()).isEqualTo(37);
        assertThat(text(chunks)).isEqualTo("ab");
    }

    @Test
    void text_aTruncatedAnswerFinishesWithLength() {
        provider.answer(upstream, Script.text("cut sh").finishing("length"));

        assertThat(complete(params().build()).choices().get(0).finishReason().asString()).isEqualTo("length");
        assertThat(finishReason(stream(params().build()))).contains("length");
    }

    // ---- tools ----------------------------------------------------------------------------------------------

    @Test
    void tools_oneCallComesBackAsAToolCallWithFinishToolCalls() throws Exception {
        assumeTrue(provider.capabilities().contains(Capability.TOOLS));
        provider.answer(upstream, Script.toolCalls(new Script.ToolCall("call_1", "weather", "{\"city\":\"Paris\"}")));

        ChatCompletion completion = complete(params().addTool(tool("weather")).build());

        var choice = completion.choices().get(0);
        assertThat(choice.finishReason().asString()).isEqualTo("tool_calls");
        ChatCompletionMessageFunctionToolCall call = choice.message().toolCalls().get().get(0).asFunction();
        assertThat(call.id()).isEqualTo("call_1");
        assertThat(call.function().name()).isEqualTo("weather");
        assertThat(JSON.readTree(call.function().arguments())).isEqualTo(JSON.readTree("{\"city\":\"Paris\"}"));
    }

    @Test
    void tools_parallelCallsAllComeBack() {
        assumeTrue(provider.capabilities().contains(Capability.PARALLEL_TOOLS));
        provider.answer(upstream, Script.toolCalls(new Script.ToolCall("call_1", "weather", "{\"city\":\"Paris\"}"),
                new Script.ToolCall("call_2", "weather", "{\"city\":\"Oslo\"}")));

        ChatCompletion completion = complete(params().addTool(tool("weather")).build());

        List<ChatCompletionMessageToolCall> calls = completion.choices().get(0).message().toolCalls().get();
        assertThat(calls).extracting(call -> call.asFunction().id()).containsExactly("call_1", "call_2");
        assertThat(calls.get(1).asFunction().function().arguments()).contains("Oslo");
    }

    @Test
    void tools_streamedCallsKeepTheirIndexAndIdAndReassembleToValidJson() throws Exception {
        assumeTrue(provider.capabilities().contains(Capability.PARALLEL_TOOLS));
        provider.answer(upstream, Script.toolCalls(new Script.ToolCall("call_1", "weather", "{\"city\":\"Paris\"}"),
                new Script.ToolCall("call_2", "time", "{\"city\":\"Oslo\"}")));

        List<ChatCompletionChunk> chunks = stream(params().addTool(tool("weather")).addTool(tool("time")).build());

        Map<Long, String> ids = new LinkedHashMap<>();
        Map<Long, String> names = new LinkedHashMap<>();
        Map<Long, StringBuilder> arguments = new LinkedHashMap<>();
        chunks.forEach(c -> c.choices().forEach(choice -> choice.delta().toolCalls().ifPresent(calls -> calls.forEach(call -> {
            call.id().ifPresent(id -> assertThat(ids.put(call.index(), id)).as("id sent once per call").isNull());
            call.function().flatMap(f -> f.name()).ifPresent(name -> names.put(call.index(), name));
            call.function().flatMap(f -> f.arguments()).ifPresent(a -> arguments.computeIfAbsent(call.index(),
                    i -> new StringBuilder()).append(a));
        }))));
        assertThat(ids).containsExactly(Map.entry(0L, "call_1"), Map.entry(1L, "call_2"));
        assertThat(names).containsExactly(Map.entry(0L, "weather"), Map.entry(1L, "time"));
        assertThat(JSON.readTree(arguments.get(0L).toString())).isEqualTo(JSON.readTree("{\"city\":\"Paris\"}"));
        assertThat(JSON.readTree(arguments.get(1L).toString())).isEqualTo(JSON.readTree("{\"city\":\"Oslo\"}"));
        assertThat(finishReason(chunks)).contains("tool_calls");
    }

    @Test
    void tools_aStreamedSingleCallFinishesWithToolCalls() {
        assumeTrue(provider.capabilities().contains(Capability.TOOLS));
        provider.answer(upstream, Script.toolCalls(new Script.ToolCall("call_9", "weather", "{\"city\":\"Rome\"}")));

        List<ChatCompletionChunk> chunks = stream(params().addTool(tool("weather")).build());

        assertThat(finishReason(chunks)).contains("tool_calls");
        assertThat(chunks.stream().flatMap(c -> c.choices().stream()).flatMap(ch -> ch.delta().toolCalls().stream())
                .flatMap(List::stream).map(call -> call.index()).distinct()).containsExactly(0L);
    }

    @Test
    void tools_resultsOfParallelCallsGoBackMatchedById() {
        assumeTrue(provider.capabilities().contains(Capability.PARALLEL_TOOLS));
        provider.answer(upstream, Script.text("Paris is sunny, Oslo rainy."));

        ChatCompletion completion = complete(params().addTool(tool("weather"))
                .addMessage(ChatCompletionAssistantMessageParam.builder()
                        .addToolCall(functionCall("call_a", "weather", "{\"city\":\"Paris\"}"))
                        .addToolCall(functionCall("call_b", "weather", "{\"city\":\"Oslo\"}"))
                        .build())
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId("call_a").content("sunny").build())
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId("call_b").content("rainy").build())
                .build());

        assertThat(completion.choices().get(0).message().content()).contains("Paris is sunny, Oslo rainy.");
        assertThat(provider.chatCalls(upstream)).hasSize(1);
    }

    @Test
    void tools_aResultForAnUnknownCallIsRefusedWith400() {
        assumeTrue(provider.capabilities().contains(Capability.TOOLS));
        provider.answer(upstream, Script.text("never"));

        assertThatThrownBy(() -> complete(params().addTool(tool("weather"))
                .addMessage(ChatCompletionAssistantMessageParam.builder()
                        .addToolCall(functionCall("call_a", "weather", "{}")).build())
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId("call_zzz").content("x").build())
                .build()))
                .isInstanceOfSatisfying(OpenAIServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
    }

    private static ChatCompletionMessageFunctionToolCall functionCall(String id, String name, String arguments) {
        return ChatCompletionMessageFunctionToolCall.builder().id(id).function(
                ChatCompletionMessageFunctionToolCall.Function.builder().name(name).arguments(arguments).build()).build();
    }

    // ---- vision, reasoning, usage ---------------------------------------------------------------------------

    @Test
    void vision_anImageUrlReachesTheProviderAsItsBytes() {
        assumeTrue(provider.capabilities().contains(Capability.VISION));
        provider.answer(upstream, Script.text("A cat."));

        ChatCompletion completion = complete(ChatCompletionCreateParams.builder().model(MODEL)
                .addUserMessageOfArrayOfContentParts(List.of(
                        ChatCompletionContentPart.ofText(ChatCompletionContentPartText.builder().text("What is it?").build()),
                        ChatCompletionContentPart.ofImageUrl(ChatCompletionContentPartImage.builder().imageUrl(
                                ChatCompletionContentPartImage.ImageUrl.builder().url(upstream.url("/cat.png")).build())
                                .build())))
                .build());

        assertThat(completion.choices().get(0).message().content()).contains("A cat.");
        assertThat(provider.imagesIn(provider.chatCalls(upstream).get(0)))
                .containsExactly(Base64.getEncoder().encodeToString(PNG));
    }

    @Test
    void reasoning_comesBackAsReasoningContentInBothModes() {
        assumeTrue(provider.capabilities().contains(Capability.REASONING));
        provider.answer(upstream, Script.text("42").withReasoning("Let me ", "think."));

        ChatCompletion completion = complete(params().build());
        List<ChatCompletionChunk> chunks = stream(params().build());

        assertThat(completion.choices().get(0).message()._additionalProperties().get("reasoning_content").asString())
                .contains("Let me think.");
        assertThat(completion.choices().get(0).message().content()).contains("42");
        assertThat(reasoning(chunks)).isEqualTo("Let me think.");
        assertThat(text(chunks)).isEqualTo("42");
    }

    @Test
    void usage_reportsCachedAndReasoningTokenDetails() {
        provider.answer(upstream, Script.text("ok").withUsage(100, 40, 60, 25));

        var usage = complete(params().build()).usage().get();

        assertThat(usage.promptTokens()).isEqualTo(100);
        assertThat(usage.completionTokens()).isEqualTo(40);
        assertThat(usage.totalTokens()).isEqualTo(140);
        if (provider.capabilities().contains(Capability.CACHED_TOKENS)) {
            assertThat(usage.promptTokensDetails().get().cachedTokens()).contains(60L);
        }
        if (provider.capabilities().contains(Capability.REASONING_TOKENS)) {
            assertThat(usage.completionTokensDetails().get().reasoningTokens()).contains(25L);
        }
    }

    // ---- errors ---------------------------------------------------------------------------------------------

    @Test
    void errors_aProviderRefusalReachesTheClientWithItsStatusAndMessage() {
        provider.answer(upstream, Script.failure(400, "invalid_request", "prompt is too long: 300000 tokens"));

        assertThatThrownBy(() -> complete(params().build()))
                .isInstanceOfSatisfying(OpenAIServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(provider.clientStatus(400));
                    assertThat(e.getMessage()).contains("prompt is too long");
                });
        assertThat(provider.chatCalls(upstream)).hasSize(1);
    }

    @Test
    void errors_anOverloadedProviderIsReportedWithItsStatusInBothModes() {
        provider.answer(upstream, Script.failure(529, "overloaded", "Overloaded"));

        assertThatThrownBy(() -> complete(params().build()))
                .isInstanceOfSatisfying(OpenAIServiceException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(provider.clientStatus(529)));
        assertThatThrownBy(() -> stream(params().build()))
                .isInstanceOfSatisfying(OpenAIServiceException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(provider.clientStatus(529)));
    }
}
