package io.uniapi.providers.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uniapi.config.Channel;
import io.uniapi.config.ProviderConfig;
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

/** OpenAI and every OpenAI-compatible host (DeepSeek, Groq, OpenRouter, xAI, vLLM, Ollama, …). */
public final class OpenAiEngine implements ProviderEngine {
    private final boolean openRouterDialect;

    /** The {@code gpt} engine. */
    public OpenAiEngine() {
        this(false);
    }

    private OpenAiEngine(boolean openRouterDialect) {
        this.openRouterDialect = openRouterDialect;
    }

    /** The {@code openrouter} engine: the same wire format, with {@link OpenRouterDialect}. */
    public static OpenAiEngine openRouterDialect() {
        return new OpenAiEngine(true);
    }

    @Override
    public UpstreamRequest chatRequest(ChatRequest request, AttemptTarget target) {
        ProviderConfig provider = target.channel().config();
        URI url = OpenAiUrls.chat(provider.baseUrl());
        ObjectNode body = OpenAiRequestTranslator.body(request, target, url, openRouterDialect);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Accept", request.stream() ? "text/event-stream" : "application/json");
        if (target.apiKey() != null && !target.apiKey().isEmpty()) {
            headers.put("Authorization", "Bearer " + target.apiKey());
        }
        if (url.getHost() != null && url.getHost().contains("openrouter.ai")) {
            headers.put("HTTP-Referer", "https://github.com/yym68686/uni-api");
            headers.put("X-Title", "Uni API");
        }
        headers.putAll(target.channel().headers());
        return UpstreamRequest.postJson(url, headers, WireJson.bytes(body), target.channel().proxy());
    }

    @Override
    public ObjectNode chatResponse(byte[] body, ChatRequest request, AttemptTarget target) throws UpstreamAnswerException {
        return OpenAiResponseTranslator.completion(body, target);
    }

    @Override
    public StreamTranslator streamTranslator(ChatRequest request, AttemptTarget target) {
        return new OpenAiStreamTranslator(target);
    }

    @Override
    public UpstreamError error(int status, byte[] body) {
        return OpenAiErrorTranslator.fromBody(status, body);
    }

    @Override
    public Optional<UpstreamRequest> modelsRequest(Channel channel) {
        ProviderConfig provider = channel.config();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        if (!provider.apiKeys().isEmpty()) {
            headers.put("Authorization", "Bearer " + provider.apiKeys().get(0));
        }
        headers.putAll(channel.headers());
        return Optional.of(UpstreamRequest.get(OpenAiUrls.models(provider.baseUrl()), headers, channel.proxy()));
    }

    @Override
    public List<String> models(byte[] body) throws UpstreamAnswerException {
        return OpenAiModelList.ids(body);
    }
}
