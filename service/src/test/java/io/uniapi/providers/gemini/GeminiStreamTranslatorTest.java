package io.uniapi.providers.gemini;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uniapi.http.SseEvent;
import io.uniapi.providers.ChunkSink;
import io.uniapi.providers.UpstreamAnswerException;
import io.uniapi.testing.GeminiWire;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.uniapi.testing.GeminiWire.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Gemini stream events → OpenAI chunks, event by event (behaviour reference §5.5, checklist 59 and 60). */
class GeminiStreamTranslatorTest {
    final List<ObjectNode> chunks = new ArrayList<>();
    boolean done;
    final ChunkSink sink = new ChunkSink() {
        @Override
        public void chunk(ObjectNode chunk) {
            chunks.add(chunk);
        }

        @Override
        public void comment(String text) {
        }

        @Override
        public void done() {
            done = true;
        }
    };
    final GeminiStreamTranslator translator = new GeminiStreamTranslator("alias", new ToolCallMemory());

    void send(String data) throws UpstreamAnswerException {
        translator.onEvent(new SseEvent(null, data, null), sink);
    }

    String finishReason() {
        return chunks.stream().map(c -> c.path("choices").path(0).path("finish_reason"))
                .filter(f -> !f.isMissingNode() && !f.isNull()).map(f -> f.asText()).reduce((a, b) -> b).orElse(null);
    }

    @Test
    void safetyStopsAreContentFilterAndMaxTokensIsLength() throws Exception {
        send(GeminiWire.response(List.of(text("partial")), "SAFETY", null));
        assertThat(finishReason()).isEqualTo("content_filter");

        GeminiStreamTranslator other = new GeminiStreamTranslator("alias", new ToolCallMemory());
        chunks.clear();
        other.onEvent(new SseEvent(null, GeminiWire.response(List.of(text("cut")), "MAX_TOKENS", null), null), sink);
        assertThat(finishReason()).isEqualTo("length");
    }

    @Test
    void theUsageChunkComesWhenTheStreamClosesAfterTheFinishReason() throws Exception {
        send(GeminiWire.response(List.of(text("a")), null, new int[]{3, 1}));
        send(GeminiWire.response(List.of(text("b")), "STOP", new int[]{3, 4, 2}));
        translator.onEnd(sink);

        assertThat(done).isTrue();
        ObjectNode usage = chunks.get(chunks.size() - 1);
        assertThat(usage.path("choices")).isEmpty();
        assertThat(usage.path("usage").path("completion_tokens").asInt()).isEqualTo(6);
        assertThat(chunks.get(0).path("choices").path(0).path("delta").path("role").asText()).isEqualTo("assistant");
    }

    @Test
    void aStreamThatClosesWithoutFinishReasonIsNotDone() throws Exception {
        send(GeminiWire.response(List.of(text("a")), null, null));
        translator.onEnd(sink);

        assertThat(done).isFalse();
    }

    @Test
    void anErrorEventAndABlockedPromptBecomeUpstreamErrors() {
        assertThatThrownBy(() -> send(GeminiWire.error(503, "The model is overloaded.", "UNAVAILABLE")))
                .isInstanceOfSatisfying(UpstreamAnswerException.class, e -> {
                    assertThat(e.error().status()).isEqualTo(503);
                    assertThat(e.error().message()).isEqualTo("The model is overloaded.");
                });
        assertThatThrownBy(() -> send("{\"promptFeedback\":{\"blockReason\":\"PROHIBITED_CONTENT\"}}"))
                .isInstanceOfSatisfying(UpstreamAnswerException.class, e -> assertThat(e.error().status()).isEqualTo(400));
    }
}
