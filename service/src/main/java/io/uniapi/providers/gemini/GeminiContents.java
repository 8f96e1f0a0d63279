package io.uniapi.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uniapi.errors.InvalidRequestException;
import io.uniapi.providers.WireJson;

import java.util.HashMap;
import java.util.Map;

/**
 * OpenAI {@code messages} → Gemini {@code contents} and {@code systemInstruction}. Roles become {@code user} and
 * {@code model}; consecutive messages of the same role are merged into one content (so the answers to parallel tool
 * calls form the single function-response turn Gemini expects right after the call turn); system and developer
 * messages go to {@code systemInstruction} (or, on the {@code v1} API, before the first user text); an assistant
 * message last in the list stays last, as a prefill the model continues.
 */
final class GeminiContents {
    /** Gemini 3's documented placeholder for a function call whose signature is unknown (e.g. made by another model). */
    static final String SKIP_SIGNATURE_VALIDATION = "skip_thought_signature_validator";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final ArrayNode contents = JSON.arrayNode();
    private final StringBuilder system = new StringBuilder();
    private final Map<String, String> toolNames = new HashMap<>();
    private final ToolCallMemory memory;
    private final boolean keepTools;
    private final boolean keepImages;
    private final boolean gemini3;

    private GeminiContents(ToolCallMemory memory, boolean keepTools, boolean keepImages, boolean gemini3) {
        this.memory = memory;
        this.keepTools = keepTools;
        this.keepImages = keepImages;
        this.gemini3 = gemini3;
    }

    /** The translated conversation; {@code systemInstruction} is null when there is no system text. */
    record Conversation(ArrayNode contents, ObjectNode systemInstruction) {
    }

    /** @param keepImages false for channels with {@code image: false}: image parts are left out */
    static Conversation translate(JsonNode messages, GeminiDialect dialect, ToolCallMemory memory,
                                  boolean keepTools, boolean keepImages, String upstreamModel) {
        GeminiContents translation = new GeminiContents(memory, keepTools, keepImages,
                GeminiThinking.isGemini3(upstreamModel));
        for (int i = 0; i < messages.size(); i++) {
            translation.add(messages.get(i), i);
        }
        return translation.finish(dialect);
    }

    private void add(JsonNode message, int index) {
        String role = message.path("role").asText();
        switch (role) {
            case "system", "developer" -> appendSystem(GeminiParts.text(message.get("content")));
            case "assistant" -> addAssistant(message);
            case "tool", "function" -> {
                if (keepTools) {
                    append("user", functionResponse(message, index));
                }
            }
            default -> append("user", GeminiParts.userParts(message.get("content"), keepImages));
        }
    }

    private void addAssistant(JsonNode message) {
        ArrayNode parts = GeminiParts.userParts(message.get("content"), keepImages);
        JsonNode toolCalls = message.get("tool_calls");
        if (keepTools && toolCalls != null && toolCalls.isArray()) {
            boolean signed = false;
            for (JsonNode call : toolCalls) {
                String id = call.path("id").asText("");
                String name = call.path("function").path("name").asText("");
                toolNames.put(id, name);
                ObjectNode part = parts.addObject();
                ObjectNode functionCall = part.putObject("functionCall");
                if (memory.isUpstreamId(id)) {
                    functionCall.put("id", id);
                }
                functionCall.put("name", name);
                functionCall.set("args", arguments(call.path("function").path("arguments")));
                String signature = memory.signatureOf(call);
                if (signature == null && gemini3 && !signed) {
                    signature = SKIP_SIGNATURE_VALIDATION;
                }
                if (signature != null) {
                    part.put("thoughtSignature", signature);
                    signed = true;
                }
            }
        }
        append("model", parts);
    }

    private ArrayNode functionResponse(JsonNode message, int index) {
        String name;
        String id = message.path("tool_call_id").asText("");
        if ("function".equals(message.path("role").asText())) {
            name = message.path("name").asText("");
        } else {
            name = toolNames.get(id);
            if (name == null) {
                throw new InvalidRequestException("invalid_tool_call_id", "messages[" + index + "].tool_call_id",
                        "messages[" + index + "] answers tool call '" + id
                                + "', but no earlier assistant message made a tool call with that id.");
            }
        }
        ArrayNode parts = JSON.arrayNode();
        ObjectNode response = parts.addObject().putObject("functionResponse");
        if (memory.isUpstreamId(id)) {
            response.put("id", id);
        }
        response.put("name", name);
        response.set("response", responseObject(GeminiParts.text(message.get("content"))));
        return parts;
    }

    /** Gemini wants an object: a JSON object result is passed as it is, anything else under {@code result}. */
    private static ObjectNode responseObject(String text) {
        ObjectNode parsed = text.startsWith("{") ? WireJson.objectOrNull(text) : null;
        return parsed != null ? parsed : JSON.objectNode().put("result", text);
    }

    private static ObjectNode arguments(JsonNode arguments) {
        if (arguments.isObject()) {
            return (ObjectNode) arguments.deepCopy();
        }
        ObjectNode parsed = arguments.isTextual() ? WireJson.objectOrNull(arguments.textValue()) : null;
        return parsed != null ? parsed : JSON.objectNode();
    }

    private void appendSystem(String text) {
        if (text.isBlank()) {
            return;
        }
        if (!system.isEmpty()) {
            system.append("\n\n");
        }
        system.append(text);
    }

    private void append(String role, ArrayNode parts) {
        if (parts.isEmpty()) {
            return;
        }
        JsonNode last = contents.isEmpty() ? null : contents.get(contents.size() - 1);
        if (last != null && role.equals(last.path("role").asText())) {
            ((ArrayNode) last.get("parts")).addAll(parts);
            return;
        }
        ObjectNode content = contents.addObject();
        content.put("role", role);
        content.set("parts", parts);
    }

    private Conversation finish(GeminiDialect dialect) {
        if (contents.isEmpty()) {
            // Gemini rejects an empty conversation; uni-api sends this placeholder.
            append("user", GeminiParts.userParts(JSON.textNode("No messages"), false));
        }
        if (system.isEmpty()) {
            return new Conversation(contents, null);
        }
        if (!dialect.systemInstruction()) {
            prependToFirstUserText(system.toString());
            return new Conversation(contents, null);
        }
        ObjectNode instruction = JSON.objectNode();
        instruction.putArray("parts").addObject().put("text", system.toString());
        return new Conversation(contents, instruction);
    }

    private void prependToFirstUserText(String text) {
        for (JsonNode content : contents) {
            if ("user".equals(content.path("role").asText())) {
                ((ArrayNode) content.get("parts")).insert(0, JSON.objectNode().put("text", text));
                return;
            }
        }
    }
}
