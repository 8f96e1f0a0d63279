package io.uniapi.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uniapi.providers.ChatRequest;

import java.util.List;

/**
 * What makes a 2xx answer count as a failed attempt (behaviour reference §6.1): no content at all, or a text of
 * {@code preferences.error_triggers}. An empty answer is accepted when the client prefilled the assistant's turn
 * (its last message is from the assistant), because then "nothing more" is a legitimate answer.
 */
final class AnswerChecks {
    static final String EMPTY = "Upstream server returned an empty response.";
    private static final String[] CONTENT_FIELDS = {"content", "reasoning_content", "tool_calls", "refusal", "audio",
            "function_call"};

    private AnswerChecks() {
    }

    /** The client wrote the beginning of the answer itself. */
    static boolean prefilled(ChatRequest request) {
        JsonNode messages = request.body().path("messages");
        return messages.size() > 0 && "assistant".equals(messages.get(messages.size() - 1).path("role").asText());
    }

    /** A {@code chat.completion} none of whose choices says anything. */
    static boolean emptyCompletion(ObjectNode completion) {
        for (JsonNode choice : completion.path("choices")) {
            if (saysSomething(choice.path("message"))) {
                return false;
            }
        }
        return true;
    }

    /** A stream chunk with something a client shows. */
    static boolean hasContent(ObjectNode chunk) {
        for (JsonNode choice : chunk.path("choices")) {
            if (saysSomething(choice.path("delta"))) {
                return true;
            }
        }
        return false;
    }

    /** The finish reason of the first choice that has one, or null. */
    static String finishReason(ObjectNode chunk) {
        for (JsonNode choice : chunk.path("choices")) {
            JsonNode reason = choice.get("finish_reason");
            if (reason != null && reason.isTextual()) {
                return reason.textValue();
            }
        }
        return null;
    }

    /** The first trigger contained in {@code text}, or null. */
    static String trigger(List<String> triggers, String text) {
        for (String trigger : triggers) {
            if (text.contains(trigger)) {
                return trigger;
            }
        }
        return null;
    }

    private static boolean saysSomething(JsonNode message) {
        for (String field : CONTENT_FIELDS) {
            JsonNode node = message.get(field);
            if (node != null && !node.isNull() && (node.isTextual() ? !node.textValue().isEmpty() : !node.isEmpty() || node.isValueNode())) {
                return true;
            }
        }
        return false;
    }
}
