package io.uniapi.providers.vertex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uniapi.http.TransportException;
import io.uniapi.http.UpstreamRequest;
import io.uniapi.providers.AttemptTarget;
import io.uniapi.providers.ChatRequest;
import io.uniapi.providers.ProviderEngine;
import io.uniapi.providers.StreamTranslator;
import io.uniapi.providers.UpstreamAnswerException;
import io.uniapi.providers.UpstreamError;
import io.uniapi.providers.WireJson;
import io.uniapi.providers.anthropic.AnthropicEngine;
import io.uniapi.providers.anthropic.AnthropicRequestTranslator;
import io.uniapi.providers.gemini.GeminiErrorTranslator;

/**
 * Claude models on Vertex AI ({@code engine: vertex-claude}): Anthropic's Messages format (the Anthropic engine's
 * translators) at {@code publishers/anthropic/models/<model>:rawPredict} or {@code :streamRawPredict}, with the model
 * in the URL instead of the body and {@code anthropic_version: vertex-2023-10-16} in the body instead of a header.
 * Errors come in Anthropic's shape from the model, or in Google's from Vertex AI itself (quota, unknown model).
 * Vertex AI has no list of the publisher models a project may call: channels declare {@code model:}.
 */
public final class VertexClaudeEngine implements ProviderEngine {
    static final String ANTHROPIC_VERSION = "vertex-2023-10-16";

    private final GoogleAccessTokens tokens;
    private final AnthropicEngine anthropic;

    public VertexClaudeEngine(GoogleAccessTokens tokens, AnthropicEngine anthropic) {
        this.tokens = tokens;
        this.anthropic = anthropic;
    }

    @Override
    public UpstreamRequest chatRequest(ChatRequest request, AttemptTarget target)
            throws TransportException, UpstreamAnswerException {
        ObjectNode body = AnthropicRequestTranslator.body(request, target);
        body.remove("model");
        body.put("anthropic_version", ANTHROPIC_VERSION);
        VertexEndpoint endpoint = VertexEndpoint.resolve(target, "anthropic",
                request.stream() ? "streamRawPredict" : "rawPredict", false, tokens);
        return endpoint.postJson(body, request.stream() ? "text/event-stream" : "application/json", target.channel());
    }

    @Override
    public ObjectNode chatResponse(byte[] body, ChatRequest request, AttemptTarget target) throws UpstreamAnswerException {
        return anthropic.chatResponse(body, request, target);
    }

    @Override
    public StreamTranslator streamTranslator(ChatRequest request, AttemptTarget target) {
        return anthropic.streamTranslator(request, target);
    }

    @Override
    public UpstreamError error(int status, byte[] body) {
        ObjectNode json = WireJson.objectOrNull(body);
        JsonNode error = json == null ? null : json.get("error");
        boolean google = error != null && (error.has("status") || error.path("code").isInt());
        return google ? GeminiErrorTranslator.fromBody(status, body) : anthropic.error(status, body);
    }
}
