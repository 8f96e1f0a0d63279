package io.uniapi.providers.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uniapi.http.SseEvent;
import io.uniapi.providers.AttemptTarget;
import io.uniapi.providers.ChunkSink;
import io.uniapi.providers.StreamTranslator;
import io.uniapi.providers.UpstreamAnswerException;
import io.uniapi.providers.UpstreamError;
import io.uniapi.providers.WireJson;

/** OpenAI-compatible chunks pass through one by one, with {@code model} set to the client's alias. */
final class OpenAiStreamTranslator implements StreamTranslator {
    private final AttemptTarget target;

    OpenAiStreamTranslator(AttemptTarget target) {
        this.target = target;
    }

    @Override
    public void onEvent(SseEvent event, ChunkSink sink) throws UpstreamAnswerException {
        if (event.isComment()) {
            sink.comment(event.comment());
            return;
        }
        if (event.data() == null || event.data().isBlank()) {
            return;
        }
        if (event.isDone()) {
            sink.done();
            return;
        }
        ObjectNode chunk = WireJson.objectOrNull(event.data());
        if (chunk == null) {
            throw UpstreamAnswerException.malformed("a stream event is not JSON");
        }
        UpstreamError error = OpenAiErrorTranslator.fromJson(502, chunk);
        if (error != null || "error".equals(event.event())) {
            throw new UpstreamAnswerException(error != null ? error
                    : new UpstreamError(502, "Upstream sent an error event: " + event.data(), null));
        }
        if (chunk.has("model")) {
            chunk.put("model", target.alias());
        }
        sink.chunk(chunk);
    }
}
