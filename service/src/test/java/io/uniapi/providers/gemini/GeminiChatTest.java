package io.uniapi.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.ReasoningEffort;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartImage;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.uniapi.UniApiConfiguration;
import io.uniapi.testing.FakeUpstream;
import io.uniapi.testing.GeminiWire;
import io.uniapi.testing.RecordedRequest;
import io.uniapi.testing.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.uniapi.testing.GeminiWire.call;
import static io.uniapi.testing.GeminiWire.response;
import static io.uniapi.testing.GeminiWire.text;
import static io.uniapi.testing.GeminiWire.thought;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The official OpenAI SDK talking to the gateway in front of a strict fake of Google AI Studio's Gemini API. */
@ExtendWith(DropwizardExtensionsSupport.class)
class GeminiChatTest {
    static final String KEY = "AIza-test-upstream-key-1";
    static final String FLASH = "/v1beta/models/gemini-2.5-flash:generateContent";
    static final String FLASH_STREAM = "/v1beta/models/gemini-2.5-flash:streamGenerateContent";
    static final String THREE = "/v1beta/models/gemini-3-pro-preview:generateContent";
    @RegisterExtension
    static final FakeUpstream UPSTREAM = FakeUpstream.start();
    static final DropwizardAppExtension<UniApiConfiguration> APP = TestGateway.app(TestGateway.writeConfig("""
            providers:
              - provider: gem
                base_url: %s
                api: %s
                model:
                  - gemini-2.5-flash
                  - gemini-2.5-flash: flash-search
                  - gemini-3-pro-preview
            api_keys:
              - api: sk-client-1
            """.formatted(UPSTREAM.url("/v1beta"), KEY)));

    OpenAIClient client() {
        return TestGateway.openAi(APP, "sk-client-1");
    }

    @Test
    void textAnswerWithSystemPromptAndHistory() {
        UPSTREAM.on("POST " + FLASH, GeminiWire.strict(KEY, GeminiWire.answer(
                response(List.of(thought("plan"), text("Bonjour")), "STOP", new int[]{10, 4, 2}))));

        ChatCompletion completion = client().chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gemini-2.5-flash")
                .addSystemMessage("Answer in French.")
                .addUserMessage("hi")
                .addAssistantMessage("Hello!")
                .addUserMessage("again")
                .addUserMessage("please")
                .maxCompletionTokens(100)
                .temperature(0.2)
                .stop("END")
                .build());

        assertThat(completion.choices().get(0).message().content()).contains("Bonjour");
        assertThat(completion.choices().get(0).message()._additionalProperties().get("reasoning_content"))
                .isEqualTo(JsonValue.from("plan"));
        assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(completion.model()).isEqualTo("gemini-2.5-flash");
        assertThat(completion.usage().get().promptTokens()).isEqualTo(10);
        assertThat(completion.usage().get().completionTokens()).isEqualTo(6);
        assertThat(completion.usage().get().totalTokens()).isEqualTo(16);
        assertThat(completion.usage().get().completionTokensDetails().get().reasoningTokens()).contains(2L);

        RecordedRequest upstream = UPSTREAM.lastRequest();
        assertThat(upstream.path()).isEqualTo(FLASH);
        assertThat(upstream.query()).isNull();
        assertThat(upstream.header("x-goog-api-key")).isEqualTo(KEY);
        JsonNode body = upstream.json();
        assertThat(body.path("systemInstruction").path("parts").get(0).path("text").asText()).isEqualTo("Answer in French.");
        JsonNode contents = body.path("contents");
        assertThat(contents).hasSize(3);
        assertThat(contents.get(1).path("role").asText()).isEqualTo("model");
        assertThat(contents.get(2).path("parts")).hasSize(2);
        JsonNode generation = body.path("generationConfig");
        assertThat(generation.path("maxOutputTokens").asInt()).isEqualTo(100);
        assertThat(generation.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(generation.path("stopSequences").get(0).asText()).isEqualTo("END");
        assertThat(generation.path("thinkingConfig").path("includeThoughts").asBoolean()).isTrue();
        assertThat(body.has("stop")).as("OpenAI fields are not copied to the top level (bug §10.7)").isFalse();
    }

    @Test
    void streamDeliversRoleReasoningContentFinishAndUsage() {
        UPSTREAM.on("POST " + FLASH_STREAM, GeminiWire.strict(KEY, GeminiWire.stream(
                response(List.of(thought("t"), text("a")), null, null),
                response(List.of(text("b")), "STOP", new int[]{3, 4, 2}))));

        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client().chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model("gemini-2.5-flash").addUserMessage("hi")
                        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
            stream.stream().forEach(chunks::add);
        }

        assertThat(UPSTREAM.lastRequest().query()).isEqualTo("alt=sse");
        assertThat(chunks.get(0).choices().get(0).delta().role()).isPresent();
        StringBuilder content = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        chunks.forEach(c -> c.choices().forEach(choice -> {
            choice.delta().content().ifPresent(content::append);
            JsonValue r = choice.delta()._additionalProperties().get("reasoning_content");
            if (r != null) {
                reasoning.append(r.asStringOrThrow());
            }
        }));
        assertThat(content.toString()).isEqualTo("ab");
        assertThat(reasoning.toString()).isEqualTo("t");
        ChatCompletionChunk finish = chunks.get(chunks.size() - 2);
        assertThat(finish.choices().get(0).finishReason()).contains(ChatCompletionChunk.Choice.FinishReason.STOP);
        ChatCompletionChunk usage = chunks.get(chunks.size() - 1);
        assertThat(usage.choices()).isEmpty();
        assertThat(usage.usage().get().promptTokens()).isEqualTo(3);
        assertThat(usage.usage().get().completionTokens()).isEqualTo(6);
        assertThat(usage.usage().get().totalTokens()).isEqualTo(9);
        assertThat(usage.usage().get().completionTokensDetails().get().reasoningTokens()).contains(2L);
        assertThat(chunks).allSatisfy(c -> assertThat(c.model()).isEqualTo("gemini-2.5-flash"));
    }

    @Test
    void parallelToolCallsWithCleanedSchemas() {
        UPSTREAM.on("POST " + FLASH, GeminiWire.strict(KEY, GeminiWire.answer(response(List.of(
                call("get_weather", "{\"city\":\"Paris\"}", null), call("get_time", "{\"zone\":\"CET\"}", null)),
                "STOP", new int[]{20, 8}))));

        ChatCompletion completion = client().chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gemini-2.5-flash").addUserMessage("weather and time in Paris?")
                .addFunctionTool(weatherTool()).addFunctionTool(timeTool())
                .build());

        List<ChatCompletionMessageToolCall> calls = completion.choices().get(0).message().toolCalls().orElseThrow();
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).function().orElseThrow().function().name()).isEqualTo("get_weather");
        assertThat(calls.get(0).function().orElseThrow().function().arguments()).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(calls.get(1).function().orElseThrow().function().name()).isEqualTo("get_time");
        assertThat(calls.get(0).function().orElseThrow().id()).startsWith("call_")
                .isNotEqualTo(calls.get(1).function().orElseThrow().id());
        assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);

        JsonNode body = UPSTREAM.lastRequest().json();
        JsonNode declarations = body.path("tools").get(0).path("functionDeclarations");
        assertThat(declarations).hasSize(2);
        JsonNode parameters = declarations.get(0).path("parameters");
        assertThat(parameters.has("additionalProperties")).isFalse();
        assertThat(parameters.path("properties").path("days").path("description").asText()).isEqualTo("How many days\nDefault: 5");
        assertThat(parameters.path("properties").path("unit").path("nullable").asBoolean()).isTrue();
        assertThat(declarations.get(1).has("parameters")).as("a function without parameters declares none").isFalse();
        assertThat(body.path("toolConfig").path("functionCallingConfig").path("mode").asText()).isEqualTo("AUTO");
    }

    @Test
    void toolChoiceMapsToGeminisFunctionCallingModes() {
        UPSTREAM.on("POST " + FLASH, GeminiWire.strict(KEY, GeminiWire.answer(response(List.of(text("ok")), "STOP", null))));
        String tools = "[{\"type\":\"function\",\"function\":{\"name\":\"get_time\"}},"
                + "{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"parameters\":{\"type\":\"object\","
                + "\"properties\":{\"city\":{\"type\":\"string\"}}}}}]";
        Map<String, String> expected = Map.of(
                "\"none\"", "{\"mode\":\"NONE\"}",
                "\"required\"", "{\"mode\":\"ANY\"}",
                "\"auto\"", "{\"mode\":\"AUTO\"}",
                "{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}",
                "{\"mode\":\"ANY\",\"allowedFunctionNames\":[\"get_weather\"]}");
        expected.forEach((choice, config) -> {
            var answer = TestGateway.post(APP, "/v1/chat/completions", "sk-client-1", "{\"model\":\"gemini-2.5-flash\","
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"tools\":" + tools + ",\"tool_choice\":" + choice + "}");
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(UPSTREAM.lastRequest().json().path("toolConfig").path("functionCallingConfig").toString())
                    .as("tool_choice %s", choice).isEqualTo(config);
        });
    }

    @Test
    void streamedParallelToolCallsHaveStableIndexAndIdAndFinishWithToolCalls() {
        UPSTREAM.on("POST " + FLASH_STREAM, GeminiWire.strict(KEY, GeminiWire.stream(
                response(List.of(call("get_weather", "{\"city\":\"Paris\"}", null)), null, null),
                response(List.of(call("get_time", "{}", null)), "STOP", new int[]{5, 5}))));

        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client().chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model("gemini-2.5-flash").addUserMessage("go")
                        .addFunctionTool(weatherTool()).addFunctionTool(timeTool()).build())) {
            stream.stream().forEach(chunks::add);
        }

        List<ChatCompletionChunk.Choice.Delta.ToolCall> deltas = new ArrayList<>();
        chunks.forEach(c -> c.choices().forEach(choice -> choice.delta().toolCalls().ifPresent(deltas::addAll)));
        assertThat(deltas).hasSize(4);
        assertThat(deltas.get(0).index()).isZero();
        assertThat(deltas.get(0).id()).hasValueSatisfying(id -> assertThat(id).startsWith("call_"));
        assertThat(deltas.get(0).function().orElseThrow().name()).contains("get_weather");
        assertThat(deltas.get(1).index()).isZero();
        assertThat(deltas.get(1).function().orElseThrow().arguments()).contains("{\"city\":\"Paris\"}");
        assertThat(deltas.get(2).index()).isEqualTo(1);
        assertThat(deltas.get(2).function().orElseThrow().name()).contains("get_time");
        assertThat(deltas.get(2).id()).isNotEqualTo(deltas.get(0).id());
        ChatCompletionChunk last = chunks.get(chunks.size() - 1);
        assertThat(last.choices().get(0).finishReason()).contains(ChatCompletionChunk.Choice.FinishReason.TOOL_CALLS);
    }

    @Test
    void toolResultsRoundTripWithThoughtSignaturesOnGemini3() {
        UPSTREAM.on("POST " + THREE, GeminiWire.strict(KEY, GeminiWire.answer(response(List.of(
                call("get_weather", "{\"city\":\"Paris\"}", "c2lnLW9uZQ=="), call("get_time", "{}", null)),
                "STOP", new int[]{20, 8}))));
        ChatCompletion first = client().chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gemini-3-pro-preview").addUserMessage("weather and time?")
                .addFunctionTool(weatherTool()).addFunctionTool(timeTool()).build());
        List<ChatCompletionMessageToolCall> calls = first.choices().get(0).message().toolCalls().orElseThrow();
        ChatCompletionMessageFunctionToolCall weather = calls.get(0).function().orElseThrow();
        ChatCompletionMessageFunctionToolCall time = calls.get(1).function().orElseThrow();

        UPSTREAM.on("POST " + THREE, GeminiWire.strict(KEY, GeminiWire.answer(
                response(List.of(text("Sunny, 21°C, 14:00")), "STOP", new int[]{40, 8}))));
        // The client sends back only ids, names and arguments, as a plain OpenAI client does.
        ChatCompletion second = client().chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gemini-3-pro-preview").addUserMessage("weather and time?")
                .addFunctionTool(weatherTool()).addFunctionTool(timeTool())
                .addMessage(ChatCompletionAssistantMessageParam.builder()
                        .addToolCall(plain(weather)).addToolCall(plain(time)).build())
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(weather.id()).content("{\"temp\":21}").build())
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(time.id()).content("14:00").build())
                .build());

        assertThat(second.choices().get(0).message().content()).contains("Sunny, 21°C, 14:00");
        JsonNode contents = UPSTREAM.lastRequest().json().path("contents");
        assertThat(contents).hasSize(3);
        JsonNode callTurn = contents.get(1).path("parts");
        assertThat(callTurn.get(0).path("thoughtSignature").asText()).isEqualTo("c2lnLW9uZQ==");
        assertThat(callTurn.get(1).has("thoughtSignature")).isFalse();
        JsonNode answers = contents.get(2).path("parts");
        assertThat(answers.get(0).path("functionResponse").path("name").asText()).isEqualTo("get_weather");
        assertThat(answers.get(0).path("functionResponse").path("response").path("temp").asInt()).isEqualTo(21);
        assertThat(answers.get(1).path("functionResponse").path("name").asText()).isEqualTo("get_time");
        assertThat(answers.get(1).path("functionResponse").path("response").path("result").asText()).isEqualTo("14:00");
    }

    @Test
    void aToolResultForAnUnknownCallIsRejectedBeforeAnyUpstreamCall() {
        UPSTREAM.on("POST " + FLASH, GeminiWire.strict(KEY, GeminiWire.answer(response(List.of(text("x")), "STOP", null))));

        assertThatThrownBy(() -> client().chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gemini-2.5-flash").addUserMessage("hi")
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId("call_nope").content("1").build())
                .build()))
                .isInstanceOfSatisfying(OpenAIServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("call_nope");
                });
        assertThat(UPSTREAM.requests()).isEmpty();
    }

    @Test
    void imageDataUrlBecomesInlineData() {
        UPSTREAM.on("POST " + FLASH, GeminiWire.strict(KEY, GeminiWire.answer(response(List.of(text("a cat")), "STOP", null))));

        client().chat().completions().create(ChatCompletionCreateParams.builder().model("gemini-2.5-flash")
                .addUserMessageOfArrayOfContentParts(List.of(
                        ChatCompletionContentPart.ofText(ChatCompletionContentPartText.builder().text("what is it?").build()),
                        ChatCompletionContentPart.ofImageUrl(ChatCompletionContentPartImage.builder()
                                .imageUrl(ChatCompletionContentPartImage.ImageUrl.builder()
                                        .url("data:image/png;base64,iVBORw0KGgo=").build()).build())))
                .build());

        JsonNode parts = UPSTREAM.lastRequest().json().path("contents").get(0).path("parts");
        assertThat(parts.get(1).path("inlineData").path("mimeType").asText()).isEqualTo("image/png");
        assertThat(parts.get(1).path("inlineData").path("data").asText()).isEqualTo("iVBORw0KGgo=");
    }

    @Test
    void searchAliasAddsGoogleSearchAndJsonSchemaIsMapped() {
        UPSTREAM.on("POST " + FLASH, GeminiWire.strict(KEY, GeminiWire.answer(response(List.of(text("{}")), "STOP", null))));

        client().chat().completions().create(ChatCompletionCreateParams.builder().model("flash-search")
                .addUserMessage("news?")
                .reasoningEffort(ReasoningEffort.HIGH)
                .responseFormat(ResponseFormatJsonSchema.builder().jsonSchema(ResponseFormatJsonSchema.JsonSchema.builder()
                        .name("answer").schema(ResponseFormatJsonSchema.JsonSchema.Schema.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty("properties", JsonValue.from(Map.of("title", Map.of("type", "string"))))
                                .putAdditionalProperty("additionalProperties", JsonValue.from(false))
                                .build()).build()).build())
                .build());

        JsonNode body = UPSTREAM.lastRequest().json();
        assertThat(body.path("tools").get(0).has("googleSearch")).isTrue();
        assertThat(body.path("generationConfig").path("responseMimeType").asText()).isEqualTo("application/json");
        assertThat(body.path("generationConfig").path("responseSchema").path("properties").path("title").path("type").asText())
                .isEqualTo("string");
        assertThat(body.path("generationConfig").path("thinkingConfig").path("thinkingBudget").asInt()).isEqualTo(18432);
    }

    @Test
    void googleErrorsKeepTheirStatusAndMessage() {
        UPSTREAM.on("POST " + FLASH, (request, exchange) -> exchange.json(429,
                GeminiWire.error(429, "Resource has been exhausted (e.g. check quota).", "RESOURCE_EXHAUSTED")));

        assertThatThrownBy(() -> client().chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gemini-2.5-flash").addUserMessage("hi").build()))
                .isInstanceOfSatisfying(OpenAIServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(e.getMessage()).contains("Resource has been exhausted");
                });
    }

    @Test
    void anInvalidKeyIsAnAuthenticationFailureNotABadRequest() {
        UPSTREAM.on("POST " + FLASH, GeminiWire.strict("another-key", GeminiWire.answer("{}")));

        assertThatThrownBy(() -> client().chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gemini-2.5-flash").addUserMessage("hi").build()))
                .isInstanceOfSatisfying(OpenAIServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(401);
                    assertThat(e.getMessage()).contains("API key not valid").doesNotContain(KEY);
                });
    }

    @Test
    void aStreamCutBeforeItsFinishReasonEndsWithAnErrorEvent() {
        UPSTREAM.on("POST " + FLASH_STREAM, GeminiWire.strict(KEY, GeminiWire.stream(
                response(List.of(text("partial")), null, null))));

        var response = TestGateway.post(APP, "/v1/chat/completions", "sk-client-1",
                "{\"model\":\"gemini-2.5-flash\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(response.body()).contains("partial").contains("stream_interrupted").doesNotContain("[DONE]");
    }

    static FunctionDefinition weatherTool() {
        return FunctionDefinition.builder().name("get_weather").description("Weather of a city")
                .parameters(FunctionParameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of(
                                "city", Map.of("type", "string"),
                                "days", Map.of("type", "integer", "description", "How many days", "default", 5),
                                "unit", Map.of("type", List.of("string", "null"), "enum", List.of("C", "F")))))
                        .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                        .putAdditionalProperty("additionalProperties", JsonValue.from(false))
                        .build())
                .build();
    }

    static FunctionDefinition timeTool() {
        return FunctionDefinition.builder().name("get_time").description("Current time")
                .parameters(FunctionParameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of()))
                        .build())
                .build();
    }

    /** The call as a client that keeps only id, name and arguments sends it back. */
    static ChatCompletionMessageFunctionToolCall plain(ChatCompletionMessageFunctionToolCall call) {
        return ChatCompletionMessageFunctionToolCall.builder().id(call.id())
                .function(ChatCompletionMessageFunctionToolCall.Function.builder()
                        .name(call.function().name()).arguments(call.function().arguments()).build())
                .build();
    }
}
