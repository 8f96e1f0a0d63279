package io.uniapi.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uniapi.providers.AttemptTarget;
import io.uniapi.providers.ChatCompletionShapes;
import io.uniapi.providers.UpstreamAnswerException;
import io.uniapi.providers.UpstreamError;
import io.uniapi.providers.WireJson;

/**
 * An Anthropic message → OpenAI {@code chat.completion}: text blocks joined as {@code content}, thinking as
 * {@code reasoning_content} plus {@code thinking_blocks} (with signatures, for the client to send back next turn),
 * every {@code tool_use} block as a tool call (reference bugs §10.3 and §10.4 fixed: all calls, and text after a
 * thinking block is kept).
 */
final class AnthropicResponseTranslator {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private AnthropicResponseTranslator() {
    }

    static ObjectNode completion(byte[] body, AttemptTarget target) throws UpstreamAnswerException {
        ObjectNode message = WireJson.objectOrNull(body);
        if (message == null) {
            throw UpstreamAnswerException.malformed("the body is not a JSON object");
        }
        UpstreamError error = AnthropicErrorTranslator.fromJson(0, message);
        if (error != null) {
            throw new UpstreamAnswerException(error);
        }
        JsonNode content = message.get("content");
        if (content == null || !content.isArray()) {
            throw UpstreamAnswerException.malformed("no 'content' in the message");
        }
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        ArrayNode thinkingBlocks = JSON.arrayNode();
        ArrayNode toolCalls = JSON.arrayNode();
        for (JsonNode block : content) {
            switch (block.path("type").asText()) {
                case "text" -> text.append(block.path("text").asText());
                case "thinking" -> {
                    reasoning.append(block.path("thinking").asText());
                    thinkingBlocks.add(block);
                }
                case "redacted_thinking" -> thinkingBlocks.add(block);
                case "tool_use" -> {
                    ObjectNode call = toolCalls.addObject().put("id", block.path("id").asText()).put("type", "function");
                    call.putObject("function").put("name", block.path("name").asText())
                            .put("arguments", block.has("input") ? block.get("input").toString() : "{}");
                }
                default -> {
                    // Server tool blocks (web search results…) have no OpenAI equivalent.
                }
            }
        }
        ObjectNode out = JSON.objectNode().put("role", "assistant");
        if (text.isEmpty() && !toolCalls.isEmpty()) {
            out.putNull("content");
        } else {
            out.put("content", text.toString());
        }
        out.putNull("refusal");
        if (!reasoning.isEmpty()) {
            out.put("reasoning_content", reasoning.toString());
        }
        if (!thinkingBlocks.isEmpty()) {
            out.set("thinking_blocks", thinkingBlocks);
        }
        if (!toolCalls.isEmpty()) {
            out.set("tool_calls", toolCalls);
        }
        return new ChatCompletionShapes(target.alias()).completion(out,
                AnthropicFinishReason.of(message.path("stop_reason").asText(null)),
                AnthropicUsage.of(message.get("usage")));
    }
}
