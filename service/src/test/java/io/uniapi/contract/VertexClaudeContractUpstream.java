package io.uniapi.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uniapi.testing.FakeUpstream;
import io.uniapi.testing.RecordedRequest;
import io.uniapi.testing.TestServiceAccount;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Claude on Vertex AI (https://cloud.google.com/vertex-ai/generative-ai/docs/partner-models/claude/use-claude): the
 * strict Anthropic fake behind Vertex AI's {@code rawPredict} / {@code streamRawPredict} path, which wants a bearer
 * token, {@code anthropic_version: vertex-2023-10-16} in the body and no {@code model} there.
 */
public final class VertexClaudeContractUpstream implements ContractUpstream {
    private final AnthropicContractUpstream anthropic = new AnthropicContractUpstream();

    @Override
    public Set<Capability> capabilities() {
        return anthropic.capabilities();
    }

    @Override
    public String upstreamModel() {
        return "claude-sonnet-4-5@20250929";
    }

    @Override
    public String providerYaml(String name, FakeUpstream upstream, List<String> models) {
        upstream.on("POST /token", TestServiceAccount.tokenEndpoint(VertexGeminiContractUpstream.TOKEN, 3600));
        return VertexGeminiContractUpstream.vertexYaml(name, upstream, models);
    }

    private String path(String method) {
        return "/v1/projects/contract-project/locations/us-central1/publishers/anthropic/models/" + upstreamModel()
                + ":" + method;
    }

    @Override
    public void answer(FakeUpstream upstream, Script script) {
        upstream.on("POST /token", TestServiceAccount.tokenEndpoint(VertexGeminiContractUpstream.TOKEN, 3600));
        FakeUpstream.Responder responder = (request, exchange) -> {
            String invalid = vertexProblem(request, request.path().endsWith(":streamRawPredict"));
            if (invalid == null) {
                invalid = AnthropicContractUpstream.validate(asAnthropic(request));
            }
            if (invalid != null) {
                exchange.json(400, AnthropicContractUpstream.error("invalid_request_error", invalid));
                return;
            }
            if (script.failure() != null) {
                exchange.json(script.failure().status(), AnthropicContractUpstream.error(
                        AnthropicContractUpstream.ERROR_TYPES.getOrDefault(script.failure().kind(), "api_error"),
                        script.failure().message()));
                return;
            }
            if (request.json().path("stream").asBoolean(false)) {
                exchange.startSse();
                for (ObjectNode event : AnthropicContractUpstream.events(script, upstreamModel())) {
                    exchange.raw("event: " + event.path("type").asText() + "\ndata: " + event + "\n\n");
                }
            } else {
                exchange.json(200, AnthropicContractUpstream.message(script, upstreamModel()).toString());
            }
        };
        upstream.on("POST " + path("rawPredict"), responder);
        upstream.on("POST " + path("streamRawPredict"), responder);
    }

    private static String vertexProblem(RecordedRequest request, boolean streamMethod) {
        if (!("Bearer " + VertexGeminiContractUpstream.TOKEN).equals(request.header("Authorization"))) {
            return "Request had invalid authentication credentials.";
        }
        JsonNode body = request.json();
        if (!"vertex-2023-10-16".equals(body.path("anthropic_version").asText())) {
            return "anthropic_version: Field required (vertex-2023-10-16)";
        }
        if (body.has("model")) {
            return "model: Extra inputs are not permitted (the model is in the URL)";
        }
        if (streamMethod != body.path("stream").asBoolean(false)) {
            return "stream must be true exactly for streamRawPredict";
        }
        return null;
    }

    /** The same call as Anthropic's own API would have received it. */
    private RecordedRequest asAnthropic(RecordedRequest request) {
        ObjectNode body = (ObjectNode) request.json().deepCopy();
        body.remove("anthropic_version");
        body.put("model", upstreamModel());
        Map<String, String> headers = new HashMap<>(request.headers());
        headers.put("x-api-key", "vertex-token-checked");
        headers.put("anthropic-version", "2023-06-01");
        return new RecordedRequest(request.method(), AnthropicContractUpstream.PATH, request.query(), headers, body.toString());
    }

    @Override
    public List<RecordedRequest> chatCalls(FakeUpstream upstream) {
        List<RecordedRequest> calls = new ArrayList<>(upstream.requests(path("rawPredict")));
        calls.addAll(upstream.requests(path("streamRawPredict")));
        return calls;
    }

    @Override
    public List<String> imagesIn(RecordedRequest chatCall) {
        return anthropic.imagesIn(chatCall);
    }
}
