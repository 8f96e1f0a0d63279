package io.uniapi.providers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uniapi.config.Channel;
import io.uniapi.http.TransportException;
import io.uniapi.http.UpstreamRequest;

import java.util.List;
import java.util.Optional;

/**
 * One upstream wire format. Four pure conversions (request, response, stream, error) plus model discovery.
 * Engines never perform HTTP and never see Jersey: {@code dispatch} runs the calls they describe.
 */
public interface ProviderEngine {

    /**
     * The chat call for one attempt. Engines whose upstream needs a credential fetched first (Vertex AI's OAuth
     * token) may fail here as the call itself would: with a transport failure or an upstream error.
     */
    UpstreamRequest chatRequest(ChatRequest request, AttemptTarget target) throws TransportException, UpstreamAnswerException;

    /** A successful non-streamed upstream body as an OpenAI {@code chat.completion}. */
    ObjectNode chatResponse(byte[] body, ChatRequest request, AttemptTarget target) throws UpstreamAnswerException;

    /** A translator for one streamed answer. */
    StreamTranslator streamTranslator(ChatRequest request, AttemptTarget target);

    /** A non-2xx upstream answer, read in the provider's own error format. */
    UpstreamError error(int status, byte[] body);

    /**
     * The call that lists the provider's models, if the provider has one. By default there is none, and channels
     * declare their {@code model:} list.
     */
    default Optional<UpstreamRequest> modelsRequest(Channel channel) {
        return Optional.empty();
    }

    /** Model ids from the answer to {@link #modelsRequest} (or to one of the following pages); none by default. */
    default List<String> models(byte[] body) throws UpstreamAnswerException {
        return List.of();
    }

    /** The call for the next page of a paged model list, given the previous page; empty after the last page. */
    default Optional<UpstreamRequest> nextModelsRequest(Channel channel, byte[] previousPage) {
        return Optional.empty();
    }
}
