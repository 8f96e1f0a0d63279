package io.uniapi.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * OpenAI {@code tools} and {@code tool_choice} → Gemini {@code tools[].functionDeclarations} (parameter schemas
 * cleaned by {@link GeminiSchemas}) and {@code toolConfig.functionCallingConfig}: {@code auto} → AUTO,
 * {@code none} → NONE, {@code required} → ANY, a named function → ANY limited to that name. An alias ending in
 * {@code -search} adds Google Search grounding.
 */
final class GeminiTools {
    private GeminiTools() {
    }

    static void apply(JsonNode request, ObjectNode gemini, boolean keepTools, boolean search, String upstreamModel) {
        ArrayNode declarations = gemini.arrayNode();
        if (keepTools) {
            for (JsonNode tool : request.path("tools")) {
                if ("function".equals(tool.path("type").asText()) && tool.has("function")) {
                    declare(tool.get("function"), declarations);
                }
            }
            for (JsonNode function : request.path("functions")) {
                declare(function, declarations);
            }
        }
        ArrayNode tools = gemini.arrayNode();
        if (!declarations.isEmpty()) {
            tools.addObject().set("functionDeclarations", declarations);
            gemini.putObject("toolConfig").set("functionCallingConfig", callingConfig(request.get("tool_choice")));
        }
        if (search) {
            tools.addObject().putObject(upstreamModel.contains("gemini-1.5") ? "googleSearchRetrieval" : "googleSearch");
        }
        if (!tools.isEmpty()) {
            gemini.set("tools", tools);
        }
    }

    private static void declare(JsonNode function, ArrayNode declarations) {
        String name = function.path("name").asText("");
        if (name.isEmpty() || name.equals("googleSearch")) {
            // uni-api skips a function called googleSearch: clients declare it to ask for the built-in search.
            return;
        }
        ObjectNode declaration = declarations.addObject();
        declaration.put("name", name);
        if (function.hasNonNull("description")) {
            declaration.put("description", function.get("description").asText());
        }
        ObjectNode parameters = GeminiSchemas.parameters(function.get("parameters"));
        if (parameters != null) {
            declaration.set("parameters", parameters);
        }
    }

    private static ObjectNode callingConfig(JsonNode choice) {
        ObjectNode config = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        if (choice == null || choice.isNull()) {
            return config.put("mode", "AUTO");
        }
        if (choice.isTextual()) {
            return config.put("mode", switch (choice.textValue()) {
                case "none" -> "NONE";
                case "required", "any" -> "ANY";
                default -> "AUTO";
            });
        }
        String name = choice.path("function").path("name").asText("");
        if (name.isEmpty()) {
            return config.put("mode", "AUTO");
        }
        config.put("mode", "ANY");
        config.putArray("allowedFunctionNames").add(name);
        return config;
    }
}
