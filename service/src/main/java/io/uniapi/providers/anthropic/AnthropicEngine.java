package io.uniapi.providers.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uniapi.config.Channel;
import io.uniapi.http.UpstreamRequest;
import io.uniapi.providers.AttemptTarget;
import io.uniapi.providers.ChatRequest;
import io.uniapi.providers.OpenAiModelList;
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

/** Anthropic's Messages API ({@code engine: claude}; behaviour reference §5.3). */
public final class AnthropicEngine implements ProviderEngine {
    static final String API_VERSION = "2023-06-01";

    @Override
    public UpstreamRequest chatRequest(ChatRequest request, AttemptTarget target) {
        ObjectNode body = AnthropicRequestTranslator.body(request, target);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Accept", request.stream() ? "text/event-stream" : "application/json");
        if (target.apiKey() != null && !target.apiKey().isEmpty()) {
            headers.put("x-api-key", target.apiKey());
        }
        headers.put("anthropic-version", API_VERSION);
        String beta = AnthropicRequestTranslator.betaHeader(target.upstreamModel());
        if (beta != null) {
            headers.put("anthropic-beta", beta);
        }
        headers.putAll(target.channel().headers());
        URI url = AnthropicUrls.messages(target.channel().config().baseUrl());
        return UpstreamRequest.postJson(url, headers, WireJson.bytes(body), target.channel().proxy());
    }

    @Override
    public ObjectNode chatResponse(byte[] body, ChatRequest request, AttemptTarget target) throws UpstreamAnswerException {
        return AnthropicResponseTranslator.completion(body, target);
    }

    @Override
    public StreamTranslator streamTranslator(ChatRequest request, AttemptTarget target) {
        return new AnthropicStreamTranslator(target);
    }

    @Override
    public UpstreamError error(int status, byte[] body) {
        return AnthropicErrorTranslator.fromBody(status, body);
    }

    @Override
    public Optional<UpstreamRequest> modelsRequest(Channel channel) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        if (!channel.config().apiKeys().isEmpty()) {
            headers.put("x-api-key", channel.config().apiKeys().get(0));
        }
        headers.put("anthropic-version", API_VERSION);
        headers.putAll(channel.headers());
        return Optional.of(UpstreamRequest.get(AnthropicUrls.models(channel.config().baseUrl()), headers, channel.proxy()));
    }

    @Override
    public List<String> models(byte[] body) throws UpstreamAnswerException {
        return OpenAiModelList.ids(body);
    }
}
