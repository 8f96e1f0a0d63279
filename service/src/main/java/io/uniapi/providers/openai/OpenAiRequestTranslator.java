package io.uniapi.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uniapi.providers.AttemptTarget;
import io.uniapi.providers.ChatRequest;
import io.uniapi.providers.content.ImageParts;

import java.net.URI;

/**
 * Client body → OpenAI-compatible upstream body. Everything the client sent passes through untouched except
 * {@code model} (the upstream name), usage reporting in streams (requested so statistics are exact; the relay hides
 * the extra chunk from clients that did not ask), tool fields for channels with {@code tools: false}, image parts for
 * channels with {@code image: false}, the per-model fixes of {@link OpenAiModelTweaks}, the {@code openrouter}
 * dialect, and finally {@code post_body_parameter_overrides}.
 */
final class OpenAiRequestTranslator {
    private OpenAiRequestTranslator() {
    }

    static ObjectNode body(ChatRequest request, AttemptTarget target, URI chatUrl, boolean openRouterDialect) {
        boolean tools = target.channel().config().tools();
        // A shallow copy is enough unless nested parts change: the client's body is shared by every attempt.
        ObjectNode body = tools ? request.body().objectNode().setAll(request.body()) : request.body().deepCopy();
        body.put("model", target.upstreamModel());
        if (request.stream() && !request.includeUsage() && acceptsStreamOptions(chatUrl)) {
            JsonNode options = body.get("stream_options");
            ObjectNode streamOptions = options instanceof ObjectNode existing ? existing.deepCopy() : body.objectNode();
            streamOptions.put("include_usage", true);
            body.set("stream_options", streamOptions);
        }
        if (!tools) {
            stripTools(body);
        }
        if (!target.channel().config().acceptsImages()) {
            ImageParts.strip(body);
        }
        OpenAiModelTweaks.apply(body, target, chatUrl);
        if (openRouterDialect) {
            OpenRouterDialect.apply(body, request.includeUsage());
        }
        target.channel().bodyOverrides().apply(body, target.alias(), target.upstreamModel());
        return body;
    }

    /** xAI rejects {@code stream_options} (behaviour reference §5.1). */
    private static boolean acceptsStreamOptions(URI chatUrl) {
        return chatUrl.getHost() == null || !chatUrl.getHost().endsWith("api.x.ai");
    }

    private static void stripTools(ObjectNode body) {
        body.remove("tools");
        body.remove("tool_choice");
        body.remove("parallel_tool_calls");
        JsonNode messages = body.get("messages");
        if (messages instanceof ArrayNode list) {
            for (int i = list.size() - 1; i >= 0; i--) {
                JsonNode message = list.get(i);
                boolean toolResult = "tool".equals(message.path("role").asText()) || "function".equals(message.path("role").asText());
                boolean toolCallOnly = message.has("tool_calls") && (message.path("content").isNull()
                        || message.path("content").isMissingNode() || message.path("content").asText().isEmpty());
                if (toolResult || toolCallOnly) {
                    list.remove(i);
                } else if (message instanceof ObjectNode object) {
                    object.remove("tool_calls");
                }
            }
        }
    }
}
