package io.uniapi.providers.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uniapi.errors.InvalidRequestException;
import io.uniapi.providers.WireJson;

import java.util.HashSet;
import java.util.Set;

/**
 * OpenAI {@code messages} → Anthropic {@code system} and {@code messages}. System (and developer) messages become
 * the top-level system prompt, in order. Assistant messages keep their thinking blocks (when the client sent them back
 * with signatures), text and every tool call as {@code tool_use}; tool results become {@code tool_result} blocks of a
 * user turn, matched by id (parallel calls both ways: reference bug §10.3 fixed). Consecutive turns of one role merge,
 * since Anthropic wants user and assistant to alternate; a final assistant turn is a prefill.
 */
final class AnthropicMessages {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** The translated conversation; {@code system} is null, a string, or a list of text blocks. */
    record Translated(JsonNode system, ArrayNode messages) {
    }

    private AnthropicMessages() {
    }

    static Translated translate(JsonNode messages, boolean tools, boolean images) {
        ArrayNode system = JSON.arrayNode();
        ArrayNode out = JSON.arrayNode();
        Set<String> toolUseIds = new HashSet<>();
        String lastFunctionCallId = null;
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String role = message.path("role").asText();
            switch (role) {
                case "system", "developer" -> system.addAll(AnthropicContent.blocks(message.get("content"), false));
                case "assistant" -> {
                    ArrayNode blocks = assistantBlocks(message, tools, images, i);
                    blocks.forEach(block -> {
                        if ("tool_use".equals(block.path("type").asText())) {
                            toolUseIds.add(block.path("id").asText());
                        }
                    });
                    if (message.has("function_call") && tools) {
                        lastFunctionCallId = "call_" + message.path("function_call").path("name").asText() + "_" + i;
                        blocks.add(toolUse(lastFunctionCallId, message.get("function_call"), i));
                        toolUseIds.add(lastFunctionCallId);
                    }
                    append(out, "assistant", blocks);
                }
                case "tool", "function" -> {
                    if (!tools) {
                        continue;
                    }
                    String id = role.equals("tool") ? message.path("tool_call_id").asText("") : lastFunctionCallId;
                    if (id == null || !toolUseIds.contains(id)) {
                        throw new InvalidRequestException("invalid_value", "messages[" + i + "].tool_call_id",
                                "messages[" + i + "] answers tool call '" + id + "', which no earlier assistant message made.");
                    }
                    append(out, "user", JSON.arrayNode().add(toolResult(id, message.get("content"), images)));
                }
                default -> append(out, "user", AnthropicContent.blocks(message.get("content"), images));
            }
        }
        trimPrefill(out);
        if (out.isEmpty() && !system.isEmpty()) {
            // OpenAI accepts a conversation of system messages only; Anthropic needs one user turn.
            append(out, "user", system);
            return new Translated(null, simplify(out));
        }
        return new Translated(systemPrompt(system), simplify(out));
    }

    private static ArrayNode assistantBlocks(JsonNode message, boolean tools, boolean images, int index) {
        ArrayNode blocks = JSON.arrayNode();
        for (JsonNode thinking : message.path("thinking_blocks")) {
            String type = thinking.path("type").asText();
            boolean signed = type.equals("thinking") && !thinking.path("signature").asText().isEmpty();
            boolean redacted = type.equals("redacted_thinking") && !thinking.path("data").asText().isEmpty();
            if (signed || redacted) {
                blocks.add(thinking);
            }
        }
        blocks.addAll(AnthropicContent.blocks(message.get("content"), images));
        if (tools) {
            for (JsonNode call : message.path("tool_calls")) {
                blocks.add(toolUse(call.path("id").asText(), call.path("function"), index));
            }
        }
        return blocks;
    }

    private static ObjectNode toolUse(String id, JsonNode function, int index) {
        ObjectNode block = JSON.objectNode().put("type", "tool_use").put("id", id)
                .put("name", function.path("name").asText());
        String arguments = function.path("arguments").asText("");
        try {
            JsonNode input = arguments.isBlank() ? JSON.objectNode() : WireJson.MAPPER.readTree(arguments);
            if (!input.isObject()) {
                throw new InvalidRequestException("invalid_value", "messages[" + index + "].tool_calls",
                        "messages[" + index + "]: tool call arguments must be a JSON object.");
            }
            block.set("input", input);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("invalid_value", "messages[" + index + "].tool_calls",
                    "messages[" + index + "]: tool call arguments are not valid JSON.");
        }
        return block;
    }

    private static ObjectNode toolResult(String id, JsonNode content, boolean images) {
        ObjectNode block = JSON.objectNode().put("type", "tool_result").put("tool_use_id", id);
        if (content != null && content.isArray()) {
            block.set("content", AnthropicContent.blocks(content, images));
        } else {
            block.put("content", AnthropicContent.text(content));
        }
        return block;
    }

    /** Adds a turn, merged into the previous one when the role repeats. Empty turns are left out. */
    private static void append(ArrayNode out, String role, ArrayNode blocks) {
        if (blocks.isEmpty()) {
            return;
        }
        JsonNode last = out.isEmpty() ? null : out.get(out.size() - 1);
        if (last != null && role.equals(last.path("role").asText())) {
            ((ArrayNode) last.get("content")).addAll(blocks);
            return;
        }
        out.addObject().put("role", role).set("content", blocks);
    }

    /** Anthropic refuses a final assistant turn (a prefill) that ends with whitespace. */
    private static void trimPrefill(ArrayNode out) {
        if (out.isEmpty() || !"assistant".equals(out.get(out.size() - 1).path("role").asText())) {
            return;
        }
        ArrayNode content = (ArrayNode) out.get(out.size() - 1).get("content");
        JsonNode lastBlock = content.get(content.size() - 1);
        if ("text".equals(lastBlock.path("type").asText())) {
            String trimmed = lastBlock.path("text").asText().stripTrailing();
            if (trimmed.isEmpty()) {
                content.remove(content.size() - 1);
                if (content.isEmpty()) {
                    out.remove(out.size() - 1);
                }
            } else {
                ((ObjectNode) lastBlock).put("text", trimmed);
            }
        }
    }

    /** A turn that is one plain text block is sent as a string, as users write it. */
    private static ArrayNode simplify(ArrayNode messages) {
        for (JsonNode message : messages) {
            JsonNode content = message.get("content");
            if (content.size() == 1 && content.get(0).size() == 2 && "text".equals(content.get(0).path("type").asText())) {
                ((ObjectNode) message).put("content", content.get(0).path("text").asText());
            }
        }
        return messages;
    }

    private static JsonNode systemPrompt(ArrayNode blocks) {
        if (blocks.isEmpty()) {
            return null;
        }
        boolean plain = true;
        for (JsonNode block : blocks) {
            plain &= block.size() == 2;
        }
        if (!plain) {
            return blocks;
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode block : blocks) {
            if (!text.isEmpty()) {
                text.append("\n\n");
            }
            text.append(block.path("text").asText());
        }
        return JSON.textNode(text.toString());
    }
}
