package io.uniapi.providers.vertex;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uniapi.http.TransportException;
import io.uniapi.http.UpstreamRequest;
import io.uniapi.providers.AttemptTarget;
import io.uniapi.providers.ChatRequest;
import io.uniapi.providers.ProviderEngine;
import io.uniapi.providers.StreamTranslator;
import io.uniapi.providers.UpstreamAnswerException;
import io.uniapi.providers.UpstreamError;
import io.uniapi.providers.gemini.GeminiDialect;
import io.uniapi.providers.gemini.GeminiErrorTranslator;
import io.uniapi.providers.gemini.GeminiRequestTranslator;
import io.uniapi.providers.gemini.GeminiResponseTranslator;
import io.uniapi.providers.gemini.GeminiStreamTranslator;
import io.uniapi.providers.gemini.ToolCallMemory;

/**
 * Gemini models on Vertex AI ({@code engine: vertex-gemini}): Gemini's wire format (the same translators as AI
 * Studio) at {@code publishers/google/models/<model>:generateContent} or {@code :streamGenerateContent?alt=sse}.
 * Vertex AI has no list of the publisher models a project may call: channels declare {@code model:}.
 */
public final class VertexGeminiEngine implements ProviderEngine {
    private final GoogleAccessTokens tokens;
    private final ToolCallMemory memory;

    public VertexGeminiEngine(GoogleAccessTokens tokens, ToolCallMemory memory) {
        this.tokens = tokens;
        this.memory = memory;
    }

    @Override
    public UpstreamRequest chatRequest(ChatRequest request, AttemptTarget target)
            throws TransportException, UpstreamAnswerException {
        ObjectNode body = GeminiRequestTranslator.body(request, target, GeminiDialect.VERTEX, memory);
        VertexEndpoint endpoint = VertexEndpoint.resolve(target, "google",
                request.stream() ? "streamGenerateContent" : "generateContent", request.stream(), tokens);
        return endpoint.postJson(body, null, target.channel());
    }

    @Override
    public ObjectNode chatResponse(byte[] body, ChatRequest request, AttemptTarget target) throws UpstreamAnswerException {
        return GeminiResponseTranslator.completion(body, target.alias(), memory);
    }

    @Override
    public StreamTranslator streamTranslator(ChatRequest request, AttemptTarget target) {
        return new GeminiStreamTranslator(target.alias(), memory);
    }

    @Override
    public UpstreamError error(int status, byte[] body) {
        return GeminiErrorTranslator.fromBody(status, body);
    }
}
