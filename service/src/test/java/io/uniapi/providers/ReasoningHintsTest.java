package io.uniapi.providers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uniapi.errors.InvalidRequestException;
import org.junit.jupiter.api.Test;

import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReasoningHintsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode body(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json);
    }

    @Test
    void readsThinkSuffixesWhereverUsersPutThem() throws Exception {
        ObjectNode empty = body("{}");
        assertThat(ReasoningHints.of("claude-sonnet-4-5-think", empty)).isEqualTo(new ReasoningHints(true, OptionalInt.empty(), null));
        assertThat(ReasoningHints.of("claude-sonnet-4-5-think-2048", empty).thinkBudget()).hasValue(2048);
        assertThat(ReasoningHints.of("gemini-2.5-flash-think-24576-search", empty).thinkBudget()).hasValue(24576);
        assertThat(ReasoningHints.of("gemini-2.5-flash-think-0", empty).thinkBudget()).hasValue(0);
        assertThat(ReasoningHints.of("claude-3-7-sonnet-thinking", empty).think()).isTrue();
        assertThat(ReasoningHints.of("deepthinker-7b", empty).think()).isFalse();
        assertThat(ReasoningHints.of("claude-sonnet-4-5", empty).requested()).isFalse();
    }

    @Test
    void readsReasoningEffortFromEitherField() throws Exception {
        assertThat(ReasoningHints.of("m", body("{\"reasoning_effort\":\"High\"}")).effort()).isEqualTo("high");
        assertThat(ReasoningHints.of("m", body("{\"reasoning\":{\"effort\":\"low\"}}")).effort()).isEqualTo("low");
        assertThat(ReasoningHints.of("m", body("{\"reasoning_effort\":\"none\"}")).requested()).isFalse();
    }

    @Test
    void anUnknownEffortIsTheClientsError() {
        assertThatThrownBy(() -> ReasoningHints.of("m", body("{\"reasoning_effort\":\"max\"}")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("'reasoning_effort' must be one of");
    }
}
