package io.uniapi.providers.azure;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uniapi.http.UpstreamRequest;
import io.uniapi.providers.AttemptTarget;
import io.uniapi.providers.ChatRequest;
import io.uniapi.providers.ProviderEngine;
import io.uniapi.providers.StreamTranslator;
import io.uniapi.providers.UpstreamAnswerException;
import io.uniapi.providers.UpstreamError;
import io.uniapi.providers.openai.OpenAiEngine;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Azure OpenAI ({@code engine: azure}; behaviour reference §5.6): OpenAI's wire format at a deployment URL
 * ({@link AzureUrls}) with the key in an {@code api-key} header. Bodies and answers are translated as for any
 * OpenAI-compatible host, which also removes Azure's content filter annotations. Deployments cannot be listed with
 * a data-plane key, so channels declare their {@code model:} list.
 */
public final class AzureEngine implements ProviderEngine {
    private final OpenAiEngine openAi = new OpenAiEngine();

    @Override
    public UpstreamRequest chatRequest(ChatRequest request, AttemptTarget target) {
        UpstreamRequest openAiCall = openAi.chatRequest(request, target);
        URI url = AzureUrls.chat(target.channel().config().baseUrl(), target.upstreamModel());
        Map<String, String> headers = new LinkedHashMap<>();
        openAiCall.headers().forEach((name, value) -> {
            if (!name.equalsIgnoreCase("Authorization")) {
                headers.put(name, value);
            }
        });
        if (target.apiKey() != null && !target.apiKey().isEmpty()) {
            headers.put("api-key", target.apiKey());
        }
        headers.putAll(target.channel().headers());
        return UpstreamRequest.postJson(url, headers, openAiCall.body(), openAiCall.proxy());
    }

    @Override
    public ObjectNode chatResponse(byte[] body, ChatRequest request, AttemptTarget target) throws UpstreamAnswerException {
        return openAi.chatResponse(body, request, target);
    }

    @Override
    public StreamTranslator streamTranslator(ChatRequest request, AttemptTarget target) {
        return openAi.streamTranslator(request, target);
    }

    @Override
    public UpstreamError error(int status, byte[] body) {
        return openAi.error(status, body);
    }
}
