package io.uniapi.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uniapi.testing.FakeUpstream;
import io.uniapi.testing.GeminiWire;
import io.uniapi.testing.RecordedRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A strict fake of Google AI Studio's Gemini API (https://ai.google.dev/api/generate-content): requests are checked
 * by {@link GeminiWire#problem} (400 INVALID_ARGUMENT in Google's shape where the real API refuses) and scripts are
 * answered as {@code generateContent} JSON or {@code streamGenerateContent?alt=sse} events.
 */
public class GeminiContractUpstream implements ContractUpstream {
    static final String KEY = "AIza-contract-secret-1";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Google's status words for the suite's provider-neutral failures; "overloaded" is Google's 503. */
    private static final Map<String, String> STATUS = Map.of("invalid_request", "INVALID_ARGUMENT",
            "overloaded", "UNAVAILABLE", "rate_limited", "RESOURCE_EXHAUSTED", "auth", "UNAUTHENTICATED");

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.TOOLS, Capability.PARALLEL_TOOLS, Capability.VISION, Capability.REASONING,
                Capability.CACHED_TOKENS, Capability.REASONING_TOKENS);
    }

    @Override
    public String upstreamModel() {
        return "gemini-2.5-flash";
    }

    @Override
    public String providerYaml(String name, FakeUpstream upstream, List<String> models) {
        return """
                - provider: %s
                  base_url: %s
                  api: %s
                  model: [%s]
                """.formatted(name, upstream.url("/v1beta"), KEY, braces(models));
    }

    /** The path of the chat method, without query. */
    protected String chatPath(String method) {
        return "/v1beta/models/" + upstreamModel() + ":" + method;
    }

    /** Why the provider would refuse the call's credentials, or null. */
    protected String authProblem(RecordedRequest request) {
        return KEY.equals(request.header("x-goog-api-key")) ? null : "API key not valid. Please pass a valid API key.";
    }

    @Override
    public void answer(FakeUpstream upstream, Script script) {
        FakeUpstream.Responder responder = (request, exchange) -> {
            String problem = authProblem(request);
            int status = 401;
            if (problem == null) {
                problem = GeminiWire.problem(request.json(), upstreamModel().contains("gemini-3"));
                status = 400;
            }
            if (problem != null) {
                exchange.json(status, GeminiWire.error(status, problem, status == 400 ? "INVALID_ARGUMENT" : "UNAUTHENTICATED"));
                return;
            }
            if (script.failure() != null) {
                int failure = clientStatus(script.failure().status());
                exchange.json(failure, GeminiWire.error(failure, script.failure().message(),
                        STATUS.getOrDefault(script.failure().kind(), "INTERNAL")));
                return;
            }
            if (request.path().endsWith(":streamGenerateContent")) {
                exchange.startSse();
                for (ObjectNode event : events(script)) {
                    exchange.raw("data: " + event + "\r\n\r\n");
                }
            } else {
                exchange.json(200, response(script, allParts(script), true).toString());
            }
        };
        upstream.on("POST " + chatPath("generateContent"), responder);
        upstream.on("POST " + chatPath("streamGenerateContent"), responder);
    }

    @Override
    public List<RecordedRequest> chatCalls(FakeUpstream upstream) {
        List<RecordedRequest> calls = new ArrayList<>(upstream.requests(chatPath("generateContent")));
        calls.addAll(upstream.requests(chatPath("streamGenerateContent")));
        return calls;
    }

    @Override
    public List<String> imagesIn(RecordedRequest chatCall) {
        List<String> images = new ArrayList<>();
        for (JsonNode content : chatCall.json().path("contents")) {
            for (JsonNode part : content.path("parts")) {
                if (part.has("inlineData")) {
                    images.add(part.path("inlineData").path("data").asText());
                }
            }
        }
        return images;
    }

    /** Google reports an overloaded model as 503 UNAVAILABLE, not Anthropic's 529. */
    @Override
    public int clientStatus(int providerStatus) {
        return providerStatus == 529 ? 503 : providerStatus;
    }

    static String braces(List<String> models) {
        return String.join(", ", models.stream().map(m -> "{" + m + "}").toList());
    }

    private static List<ObjectNode> allParts(Script script) {
        List<ObjectNode> parts = new ArrayList<>();
        script.reasoning().forEach(r -> parts.add(GeminiWire.thought(r)));
        script.text().forEach(t -> parts.add(GeminiWire.text(t)));
        for (Script.ToolCall call : script.toolCalls()) {
            ObjectNode part = GeminiWire.call(call.name(), call.argumentsJson(), null);
            ((ObjectNode) part.get("functionCall")).put("id", call.id());
            parts.add(part);
        }
        return parts;
    }

    /** One event per piece; the last one carries the finish reason and the usage. */
    private static List<ObjectNode> events(Script script) {
        List<ObjectNode> parts = allParts(script);
        List<ObjectNode> events = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            events.add(response(script, List.of(parts.get(i)), i == parts.size() - 1));
        }
        if (events.isEmpty()) {
            events.add(response(script, List.of(GeminiWire.text("")), true));
        }
        return events;
    }

    private static ObjectNode response(Script script, List<ObjectNode> parts, boolean last) {
        ObjectNode response = JSON.createObjectNode();
        ObjectNode candidate = response.putArray("candidates").addObject();
        ObjectNode content = candidate.putObject("content");
        ArrayNode array = content.putArray("parts");
        parts.forEach(array::add);
        content.put("role", "model");
        candidate.put("index", 0);
        if (last) {
            candidate.put("finishReason", "length".equals(script.finish()) ? "MAX_TOKENS" : "STOP");
            Script.Usage usage = script.usage();
            ObjectNode metadata = response.putObject("usageMetadata");
            metadata.put("promptTokenCount", usage.prompt());
            metadata.put("candidatesTokenCount", usage.completion() - usage.reasoning());
            if (usage.reasoning() > 0) {
                metadata.put("thoughtsTokenCount", usage.reasoning());
            }
            if (usage.cached() > 0) {
                metadata.put("cachedContentTokenCount", usage.cached());
            }
            metadata.put("totalTokenCount", usage.prompt() + usage.completion());
        }
        response.put("modelVersion", "gemini-2.5-flash-001");
        return response;
    }
}
