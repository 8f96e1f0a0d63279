package io.uniapi.providers.gemini;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uniapi.config.Channel;
import io.uniapi.config.ProviderConfig;
import io.uniapi.http.UpstreamRequest;
import io.uniapi.providers.AttemptTarget;
import io.uniapi.providers.ChatRequest;
import io.uniapi.providers.ProviderEngine;
import io.uniapi.providers.StreamTranslator;
import io.uniapi.providers.UpstreamAnswerException;
import io.uniapi.providers.UpstreamError;
import io.uniapi.providers.WireJson;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Google AI Studio's Gemini API ({@code engine: gemini}; {@code base_url}
 * {@code https://generativelanguage.googleapis.com/v1beta} or {@code /v1}). The key goes in the
 * {@code x-goog-api-key} header, as Google's API reference asks, so that it never appears in a URL.
 */
public final class GeminiEngine implements ProviderEngine {
    static final String KEY_HEADER = "x-goog-api-key";

    private final ToolCallMemory memory;

    public GeminiEngine(ToolCallMemory memory) {
        this.memory = memory;
    }

    @Override
    public UpstreamRequest chatRequest(ChatRequest request, AttemptTarget target) {
        ProviderConfig provider = target.channel().config();
        URI url = GeminiUrls.chat(provider.baseUrl(), target.upstreamModel(), request.stream());
        ObjectNode body = GeminiRequestTranslator.body(request, target, GeminiUrls.dialect(provider.baseUrl()), memory);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        if (target.apiKey() != null && !target.apiKey().isEmpty()) {
            headers.put(KEY_HEADER, target.apiKey());
        }
        headers.putAll(target.channel().headers());
        return UpstreamRequest.postJson(url, headers, WireJson.bytes(body), target.channel().proxy());
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

    @Override
    public Optional<UpstreamRequest> modelsRequest(Channel channel) {
        return Optional.of(modelsPage(channel, null));
    }

    @Override
    public Optional<UpstreamRequest> nextModelsRequest(Channel channel, byte[] previousPage) {
        String token = GeminiModelList.nextPageToken(previousPage);
        return token == null ? Optional.empty() : Optional.of(modelsPage(channel, token));
    }

    @Override
    public List<String> models(byte[] body) throws UpstreamAnswerException {
        return GeminiModelList.ids(body);
    }

    private static UpstreamRequest modelsPage(Channel channel, String pageToken) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        List<String> keys = channel.config().apiKeys();
        if (!keys.isEmpty()) {
            headers.put(KEY_HEADER, keys.get(0));
        }
        headers.putAll(channel.headers());
        return UpstreamRequest.get(GeminiUrls.models(channel.config().baseUrl(), pageToken), headers, channel.proxy());
    }
}
