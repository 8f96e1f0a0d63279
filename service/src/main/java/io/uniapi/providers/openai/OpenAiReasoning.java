package io.uniapi.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reasoning from OpenAI-compatible hosts, brought to the one field clients read, {@code reasoning_content}
 * (behaviour reference §5.1): OpenRouter's {@code reasoning} field, and a {@code <think>…</think>} prefix of the
 * content in complete answers (streams use {@link ThinkTagSplitter}).
 */
final class OpenAiReasoning {
    private OpenAiReasoning() {
    }

    /** Renames {@code reasoning} to {@code reasoning_content} in a message or delta that lacks the latter. */
    static void renameReasoningField(ObjectNode messageOrDelta) {
        JsonNode reasoning = messageOrDelta.get("reasoning");
        if (reasoning == null) {
            return;
        }
        if (reasoning.isNull()) {
            messageOrDelta.remove("reasoning");
        } else if (reasoning.isTextual() && !messageOrDelta.hasNonNull("reasoning_content")) {
            messageOrDelta.remove("reasoning");
            messageOrDelta.put("reasoning_content", reasoning.textValue());
        }
    }

    /** Moves a leading think block of a complete message's content to {@code reasoning_content}. */
    static void splitThinkTags(ObjectNode message) {
        JsonNode content = message.get("content");
        if (content == null || !content.isTextual() || !content.textValue().stripLeading().startsWith("<think>")
                || message.hasNonNull("reasoning_content")) {
            return;
        }
        ThinkTagSplitter splitter = new ThinkTagSplitter();
        ThinkTagSplitter.Split split = splitter.feed(content.textValue());
        ThinkTagSplitter.Split rest = splitter.flush();
        message.put("reasoning_content", (split.reasoning() + rest.reasoning()).strip());
        message.put("content", split.content() + rest.content());
    }
}
