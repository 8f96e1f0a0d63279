package io.uniapi.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uniapi.providers.ReasoningHints;

/**
 * OpenAI sampling and output fields → Gemini {@code generationConfig}: {@code max_completion_tokens} or
 * {@code max_tokens} → {@code maxOutputTokens} (at most 65,536, as uni-api), {@code temperature},
 * {@code top_p} → {@code topP}, {@code top_k} → {@code topK}, {@code seed}, {@code stop} →
 * {@code stopSequences}, {@code response_format} → JSON mode ({@code responseMimeType}, plus a cleaned
 * {@code responseSchema} for {@code json_schema}; uni-api dropped it, reference bug §10.7) and the thinking config.
 * Fields Gemini has no place for are not sent: uni-api copied them to the top level of the body, where Gemini
 * answers 400 (reference bug §10.7, fixed).
 */
final class GeminiGenerationConfig {
    private static final int MAX_OUTPUT_TOKENS = 65536;

    private GeminiGenerationConfig() {
    }

    static ObjectNode build(JsonNode request, String upstreamModel, String alias, ReasoningHints hints) {
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        copyNumber(request, "temperature", config, "temperature");
        copyNumber(request, "top_p", config, "topP");
        copyNumber(request, "top_k", config, "topK");
        copyNumber(request, "seed", config, "seed");
        JsonNode maxTokens = request.hasNonNull("max_completion_tokens") ? request.get("max_completion_tokens")
                : request.get("max_tokens");
        if (maxTokens != null && maxTokens.canConvertToLong() && maxTokens.longValue() > 0) {
            config.put("maxOutputTokens", Math.min(MAX_OUTPUT_TOKENS, maxTokens.longValue()));
        }
        stopSequences(request.get("stop"), config);
        responseFormat(request.get("response_format"), config);
        ObjectNode thinking = GeminiThinking.config(upstreamModel, alias, hints);
        if (thinking != null) {
            config.set("thinkingConfig", thinking);
        }
        return config;
    }

    private static void copyNumber(JsonNode request, String from, ObjectNode config, String to) {
        JsonNode value = request.get(from);
        if (value != null && value.isNumber()) {
            config.set(to, value);
        }
    }

    private static void stopSequences(JsonNode stop, ObjectNode config) {
        if (stop == null || stop.isNull()) {
            return;
        }
        ArrayNode sequences = config.arrayNode();
        if (stop.isTextual() && !stop.textValue().isEmpty()) {
            sequences.add(stop.textValue());
        } else if (stop.isArray()) {
            stop.forEach(s -> {
                if (s.isTextual() && !s.textValue().isEmpty()) {
                    sequences.add(s.textValue());
                }
            });
        }
        if (!sequences.isEmpty()) {
            config.set("stopSequences", sequences);
        }
    }

    private static void responseFormat(JsonNode format, ObjectNode config) {
        if (format == null || !format.isObject()) {
            return;
        }
        switch (format.path("type").asText()) {
            case "json_object" -> config.put("responseMimeType", "application/json");
            case "json_schema" -> {
                config.put("responseMimeType", "application/json");
                JsonNode schema = format.path("json_schema").get("schema");
                if (schema != null && schema.isObject()) {
                    config.set("responseSchema", GeminiSchemas.clean(schema));
                }
            }
            default -> {
                // "text" is Gemini's default.
            }
        }
    }
}
