package io.uniapi.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uniapi.providers.AttemptTarget;
import io.uniapi.providers.ChatRequest;
import io.uniapi.providers.ReasoningHints;

import java.util.List;
import java.util.Locale;

/**
 * Client body (OpenAI) → Anthropic Messages body (https://docs.anthropic.com/en/api/messages). Fields are mapped, not
 * copied: Anthropic refuses fields it does not know, so OpenAI-only fields ({@code n}, penalties, {@code logprobs},
 * {@code response_format}, {@code stream_options}, …) are dropped, and Anthropic's own extras ({@code top_k},
 * {@code metadata}, {@code thinking}, {@code mcp_servers}, {@code container}) pass. {@code post_body_parameter_overrides}
 * are applied last. Vertex AI's Claude reuses this body (with its own {@code anthropic_version} and no {@code model}).
 */
public final class AnthropicRequestTranslator {
    private static final List<String> ANTHROPIC_EXTRAS = List.of("top_k", "metadata", "mcp_servers", "container");

    private AnthropicRequestTranslator() {
    }

    public static ObjectNode body(ChatRequest request, AttemptTarget target) {
        ObjectNode client = request.body();
        boolean tools = target.channel().config().tools();
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("model", target.upstreamModel());
        AnthropicMessages.Translated conversation = AnthropicMessages.translate(client.path("messages"), tools,
                target.channel().config().acceptsImages());
        if (conversation.system() != null) {
            body.set("system", conversation.system());
        }
        body.set("messages", conversation.messages());
        body.put("max_tokens", maxTokens(client, target.upstreamModel()));
        copyNumber(client, "temperature", body);
        copyNumber(client, "top_p", body);
        stopSequences(client.get("stop"), body);
        for (String extra : ANTHROPIC_EXTRAS) {
            if (client.hasNonNull(extra)) {
                body.set(extra, client.get(extra));
            }
        }
        if (client.hasNonNull("user") && !body.has("metadata")) {
            body.putObject("metadata").put("user_id", client.get("user").asText());
        }
        if (tools) {
            AnthropicTools.translate(client, body);
        }
        AnthropicThinking.apply(client, ReasoningHints.of(target.alias(), client), body);
        if (request.stream()) {
            body.put("stream", true);
        }
        target.channel().bodyOverrides().apply(body, target.alias(), target.upstreamModel());
        return body;
    }

    /**
     * The client's {@code max_completion_tokens} or {@code max_tokens}; else a default per model, as uni-api does
     * (Anthropic requires the field).
     */
    static int maxTokens(JsonNode client, String upstreamModel) {
        JsonNode asked = client.hasNonNull("max_completion_tokens") ? client.get("max_completion_tokens") : client.get("max_tokens");
        if (asked != null && asked.canConvertToInt() && asked.intValue() > 0) {
            return asked.intValue();
        }
        String model = upstreamModel.toLowerCase(Locale.ROOT);
        if (model.contains("claude-3-7-sonnet")) {
            return 128000;
        }
        if (model.contains("claude-3-5-sonnet")) {
            return 8192;
        }
        if (model.contains("claude-sonnet-4") || model.contains("claude-haiku-4")) {
            return 64000;
        }
        if (model.contains("claude-opus-4")) {
            return 32000;
        }
        return 4096;
    }

    /** The {@code anthropic-beta} header uni-api sends for models whose default {@code max_tokens} needs it, or null. */
    static String betaHeader(String upstreamModel) {
        String model = upstreamModel.toLowerCase(Locale.ROOT);
        if (model.contains("claude-3-7-sonnet")) {
            return "output-128k-2025-02-19";
        }
        if (model.contains("claude-3-5-sonnet")) {
            return "max-tokens-3-5-sonnet-2024-07-15";
        }
        return null;
    }

    private static void copyNumber(JsonNode client, String field, ObjectNode body) {
        JsonNode value = client.get(field);
        if (value != null && value.isNumber()) {
            body.set(field, value);
        }
    }

    /** OpenAI {@code stop} (a string or a list) → {@code stop_sequences} (reference passed it raw: fixed). */
    private static void stopSequences(JsonNode stop, ObjectNode body) {
        if (stop == null || stop.isNull()) {
            return;
        }
        if (stop.isTextual()) {
            body.putArray("stop_sequences").add(stop.textValue());
        } else if (stop.isArray() && !stop.isEmpty()) {
            body.set("stop_sequences", stop);
        }
    }
}
