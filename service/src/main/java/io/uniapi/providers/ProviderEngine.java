package io.uniapi.providers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uniapi.config.Channel;
import io.uniapi.http.UpstreamRequest;

import java.util.List;
import java.util.Optional;

/**
 * One upstream wire format. Four pure conversions (request, response, stream, error) plus model discovery.
 * Engines never perform HTTP and never see Jersey: {@code dispatch} runs the calls they describe.
 */
public interface ProviderEngine {

    /** The chat call for one attempt. */
    UpstreamRequest chatRequest(ChatRequest request, AttemptTarget target);

    /** A successful non-streamed upstream body as an OpenAI {@code chat.completion}. */
    ObjectNode chatResponse(byte[] body, ChatRequest request, AttemptTarget target) throws UpstreamAnswerException;

    /** A translator for one streamed answer. */
    StreamTranslator streamTranslator(ChatRequest request, AttemptTarget target);

    /** A non-2xx upstream answer, read in the provider's own error format. */
    UpstreamError error(int status, byte[] body);

    /** The call that lists the provider's models, if the provider has one. */
    Optional<UpstreamRequest> modelsRequest(Channel channel);

    /** Model ids from the answer to {@link #modelsRequest}. */
    List<String> models(byte[] body) throws UpstreamAnswerException;
}
