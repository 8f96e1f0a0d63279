package io.uniapi.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * OpenAI {@code tools}, {@code tool_choice} and {@code parallel_tool_calls} → Anthropic {@code tools} and
 * {@code tool_choice} (https://docs.anthropic.com/en/docs/agents-and-tools/tool-use): {@code auto} → auto,
 * {@code none} → none (reference bug §10.3: not "any"), {@code required} → any, a named function → tool, and
 * {@code parallel_tool_calls: false} → {@code disable_parallel_tool_use}. Tools that are already in Anthropic's form
 * (a {@code name} and no {@code function}) pass unchanged.
 */
final class AnthropicTools {
    private AnthropicTools() {
    }

    static void translate(JsonNode client, ObjectNode upstream) {
        JsonNode tools = client.get("tools");
        if (tools == null || !tools.isArray() || tools.isEmpty()) {
            return;
        }
        ArrayNode out = upstream.putArray("tools");
        for (JsonNode tool : tools) {
            JsonNode function = tool.get("function");
            if (function != null && function.isObject()) {
                ObjectNode declared = out.addObject().put("name", function.path("name").asText());
                if (function.hasNonNull("description")) {
                    declared.put("description", function.get("description").asText());
                }
                JsonNode parameters = function.get("parameters");
                if (parameters instanceof ObjectNode schema && !schema.isEmpty()) {
                    declared.set("input_schema", schema.has("type") ? schema : schema.deepCopy().put("type", "object"));
                } else {
                    declared.putObject("input_schema").put("type", "object").putObject("properties");
                }
                if (tool.has("cache_control")) {
                    declared.set("cache_control", tool.get("cache_control"));
                }
            } else if (tool.hasNonNull("name")) {
                out.add(tool);
            }
        }
        ObjectNode choice = toolChoice(client.get("tool_choice"), upstream);
        if (client.path("parallel_tool_calls").isBoolean() && !client.path("parallel_tool_calls").booleanValue()) {
            if (choice == null) {
                choice = upstream.objectNode().put("type", "auto");
            }
            if (!"none".equals(choice.path("type").asText())) {
                choice.put("disable_parallel_tool_use", true);
            }
        }
        if (choice != null) {
            upstream.set("tool_choice", choice);
        }
    }

    /** True when the translated request forces a tool call (Anthropic then refuses extended thinking). */
    static boolean forcesToolUse(ObjectNode upstream) {
        String type = upstream.path("tool_choice").path("type").asText();
        return type.equals("any") || type.equals("tool");
    }

    private static ObjectNode toolChoice(JsonNode choice, ObjectNode upstream) {
        if (choice == null || choice.isNull()) {
            return null;
        }
        if (choice.isTextual()) {
            return switch (choice.textValue()) {
                case "none" -> upstream.objectNode().put("type", "none");
                case "required", "any" -> upstream.objectNode().put("type", "any");
                default -> upstream.objectNode().put("type", "auto");
            };
        }
        String name = choice.path("function").path("name").asText(choice.path("name").asText(""));
        if (!name.isEmpty()) {
            return upstream.objectNode().put("type", "tool").put("name", name);
        }
        String type = choice.path("type").asText("auto");
        return upstream.objectNode().put("type", type.equals("required") ? "any" : type);
    }
}
