package io.uniapi.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Gemini's wire format (https://ai.google.dev/api/generate-content) for fake upstreams: answers built as Gemini
 * sends them, and a strict request check that answers 400 in Google's error shape where the real API does
 * (unknown fields, schema keys outside Gemini's OpenAPI subset, empty parts, roles other than user/model, function
 * responses that do not answer the call turn right before them, Gemini 3 calls without thought signature, a wrong
 * API key).
 */
public final class GeminiWire {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> REQUEST = Set.of("contents", "tools", "toolConfig", "safetySettings",
            "systemInstruction", "generationConfig", "cachedContent");
    private static final Set<String> PART = Set.of("text", "inlineData", "fileData", "functionCall", "functionResponse",
            "executableCode", "codeExecutionResult", "thought", "thoughtSignature");
    private static final Set<String> TOOL = Set.of("functionDeclarations", "googleSearch", "googleSearchRetrieval",
            "codeExecution", "urlContext");
    private static final Set<String> DECLARATION = Set.of("name", "description", "parameters", "parametersJsonSchema",
            "response", "behavior");
    private static final Set<String> SCHEMA = Set.of("type", "format", "title", "description", "nullable", "enum",
            "maxItems", "minItems", "properties", "required", "minProperties", "maxProperties", "minLength",
            "maxLength", "pattern", "example", "anyOf", "propertyOrdering", "default", "items", "minimum", "maximum");
    private static final Set<String> GENERATION = Set.of("stopSequences", "responseMimeType", "responseSchema",
            "responseJsonSchema", "responseModalities", "candidateCount", "maxOutputTokens", "temperature", "topP",
            "topK", "seed", "presencePenalty", "frequencyPenalty", "responseLogprobs", "logprobs", "thinkingConfig",
            "speechConfig", "mediaResolution");

    private GeminiWire() {
    }

    /** Checks the request like the real API, then lets {@code next} answer. */
    public static FakeUpstream.Responder strict(String apiKey, FakeUpstream.Responder next) {
        return (request, exchange) -> {
            String key = request.header("x-goog-api-key");
            if (!apiKey.equals(key)) {
                exchange.json(400, """
                        {"error":{"code":400,"message":"API key not valid. Please pass a valid API key.",\
                        "status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo",\
                        "reason":"API_KEY_INVALID","domain":"googleapis.com"}]}}""");
                return;
            }
            String problem = problem(request.json(), request.path().contains("gemini-3"));
            if (problem != null) {
                exchange.json(400, error(400, problem, "INVALID_ARGUMENT"));
                return;
            }
            next.respond(request, exchange);
        };
    }

    public static String error(int code, String message, String status) {
        ObjectNode error = JSON.createObjectNode();
        error.putObject("error").put("code", code).put("message", message).put("status", status);
        return error.toString();
    }

    /** What the real API would reject in this body, or null. */
    public static String problem(JsonNode body, boolean gemini3) {
        for (String field : names(body)) {
            if (!REQUEST.contains(field)) {
                return unknown(field, "");
            }
        }
        JsonNode contents = body.path("contents");
        if (!contents.isArray() || contents.isEmpty()) {
            return "* GenerateContentRequest.contents: contents is not specified";
        }
        for (int i = 0; i < contents.size(); i++) {
            String problem = content(contents, i, gemini3);
            if (problem != null) {
                return problem;
            }
        }
        for (JsonNode tool : body.path("tools")) {
            for (String field : names(tool)) {
                if (!TOOL.contains(field)) {
                    return unknown(field, "tools[0]");
                }
            }
            for (JsonNode declaration : tool.path("functionDeclarations")) {
                for (String field : names(declaration)) {
                    if (!DECLARATION.contains(field)) {
                        return unknown(field, "tools[0].function_declarations[0]");
                    }
                }
                if (declaration.has("parameters")) {
                    String problem = schema(declaration.get("parameters"), "tools[0].function_declarations[0].parameters");
                    if (problem != null) {
                        return problem;
                    }
                }
            }
        }
        JsonNode mode = body.path("toolConfig").path("functionCallingConfig");
        if (!mode.isMissingNode() && !Set.of("AUTO", "ANY", "NONE", "VALIDATED").contains(mode.path("mode").asText())) {
            return "Invalid value at 'tool_config.function_calling_config.mode'";
        }
        for (String field : names(body.path("generationConfig"))) {
            if (!GENERATION.contains(field)) {
                return unknown(field, "generation_config");
            }
        }
        if (body.path("generationConfig").has("responseSchema")) {
            return schema(body.path("generationConfig").get("responseSchema"), "generation_config.response_schema");
        }
        return null;
    }

    private static String content(JsonNode contents, int i, boolean gemini3) {
        JsonNode content = contents.get(i);
        String role = content.path("role").asText("");
        if (!role.equals("user") && !role.equals("model")) {
            return "Please use a valid role: user, model.";
        }
        JsonNode parts = content.path("parts");
        if (!parts.isArray() || parts.isEmpty()) {
            return "* GenerateContentRequest.contents[" + i + "].parts: contents.parts must not be empty.";
        }
        boolean firstCall = true;
        for (JsonNode part : parts) {
            for (String field : names(part)) {
                if (!PART.contains(field)) {
                    return unknown(field, "contents[" + i + "].parts[0]");
                }
            }
            if (part.has("text") && part.get("text").asText("").isEmpty()) {
                return "Unable to submit request because it has an empty text parameter. Add a value to the parameter and try again.";
            }
            if (part.has("functionCall")) {
                if (!role.equals("model")) {
                    return "Please ensure that function call turns are model turns.";
                }
                if (gemini3 && firstCall && !part.has("thoughtSignature")) {
                    return "Function call is missing a thought_signature in functionCall parts.";
                }
                firstCall = false;
            }
        }
        List<String> calls = names(parts, "functionCall");
        List<String> responses = names(parts, "functionResponse");
        if (!responses.isEmpty()) {
            JsonNode previous = i == 0 ? null : contents.get(i - 1);
            List<String> asked = previous == null ? List.of() : names(previous.path("parts"), "functionCall");
            if (asked.isEmpty()) {
                return "Please ensure that function response turn comes immediately after a function call turn.";
            }
            if (asked.size() != responses.size() || !new HashSet<>(asked).equals(new HashSet<>(responses))) {
                return "Please ensure that the number of function response parts is equal to the number of function call parts of the function call turn.";
            }
            for (JsonNode part : parts) {
                if (part.has("functionResponse") && !part.get("functionResponse").path("response").isObject()) {
                    return "Invalid value at 'contents[" + i + "].parts[0].function_response.response'";
                }
            }
        }
        if (!calls.isEmpty() && i + 1 < contents.size() && names(contents.get(i + 1).path("parts"), "functionResponse").isEmpty()) {
            return "Please ensure that function call turn comes immediately before a function response turn.";
        }
        return null;
    }

    private static String schema(JsonNode schema, String path) {
        for (String field : names(schema)) {
            if (!SCHEMA.contains(field)) {
                return unknown(field, path);
            }
        }
        if (schema.has("type") && !schema.get("type").isTextual()) {
            return "Invalid value at '" + path + ".type'";
        }
        JsonNode properties = schema.get("properties");
        if ("object".equalsIgnoreCase(schema.path("type").asText()) && properties != null && properties.isEmpty()) {
            return "* " + path + ".properties: should be non-empty for OBJECT type";
        }
        if (properties != null) {
            for (String name : names(properties)) {
                String problem = schema(properties.get(name), path + ".properties[" + name + "].value");
                if (problem != null) {
                    return problem;
                }
            }
        }
        if (schema.has("items")) {
            return schema(schema.get("items"), path + ".items");
        }
        for (JsonNode branch : schema.path("anyOf")) {
            String problem = schema(branch, path + ".any_of");
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static String unknown(String field, String at) {
        return "Invalid JSON payload received. Unknown name \"" + field + "\"" + (at.isEmpty() ? "" : " at '" + at + "'")
                + ": Cannot find field.";
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> names(JsonNode parts, String kind) {
        List<String> names = new ArrayList<>();
        for (JsonNode part : parts) {
            if (part.has(kind)) {
                names.add(part.get(kind).path("name").asText());
            }
        }
        return names;
    }

    // ---- answers ----

    /** A text part. */
    public static ObjectNode text(String text) {
        return JSON.createObjectNode().put("text", text);
    }

    public static ObjectNode thought(String text) {
        return JSON.createObjectNode().put("text", text).put("thought", true);
    }

    public static ObjectNode call(String name, String argsJson, String signature) {
        ObjectNode part = JSON.createObjectNode();
        try {
            part.putObject("functionCall").put("name", name).set("args", JSON.readTree(argsJson));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
        if (signature != null) {
            part.put("thoughtSignature", signature);
        }
        return part;
    }

    /** One {@code GenerateContentResponse}; {@code finishReason} and {@code usage} may be null. */
    public static String response(List<ObjectNode> parts, String finishReason, int[] usage) {
        ObjectNode response = JSON.createObjectNode();
        ObjectNode candidate = response.putArray("candidates").addObject();
        ObjectNode content = candidate.putObject("content");
        ArrayNode array = content.putArray("parts");
        parts.forEach(array::add);
        content.put("role", "model");
        if (finishReason != null) {
            candidate.put("finishReason", finishReason);
        }
        candidate.put("index", 0);
        if (usage != null) {
            ObjectNode metadata = response.putObject("usageMetadata");
            metadata.put("promptTokenCount", usage[0]).put("candidatesTokenCount", usage[1]);
            if (usage.length > 2 && usage[2] > 0) {
                metadata.put("thoughtsTokenCount", usage[2]);
            }
            metadata.put("totalTokenCount", usage[0] + usage[1] + (usage.length > 2 ? usage[2] : 0));
        }
        response.put("modelVersion", "gemini-test");
        response.put("responseId", "resp-1");
        return response.toString();
    }

    /** Answers with {@code body} as one JSON document. */
    public static FakeUpstream.Responder answer(String body) {
        return (request, exchange) -> exchange.json(200, body);
    }

    /** Answers with each of {@code events} as one SSE event (Gemini's {@code alt=sse}), then closes. */
    public static FakeUpstream.Responder stream(String... events) {
        return (request, exchange) -> {
            if (!"alt=sse".equals(request.query())) {
                exchange.json(400, error(400, "test fake expects alt=sse", "INVALID_ARGUMENT"));
                return;
            }
            exchange.startSse();
            for (String event : events) {
                exchange.raw("data: " + event + "\r\n\r\n");
            }
        };
    }
}
