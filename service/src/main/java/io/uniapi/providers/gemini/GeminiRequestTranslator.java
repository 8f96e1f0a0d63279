package io.uniapi.providers.gemini;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uniapi.providers.AttemptTarget;
import io.uniapi.providers.ChatRequest;
import io.uniapi.providers.ReasoningHints;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A client's chat request → the body of Gemini's {@code generateContent} (AI Studio and Vertex AI alike): contents
 * and system instruction ({@link GeminiContents}), tools ({@link GeminiTools}), generation config
 * ({@link GeminiGenerationConfig}) and safety settings that block nothing, as uni-api sends them; then the channel's
 * {@code post_body_parameter_overrides}. Nothing the client sent is copied blindly: Gemini rejects unknown fields.
 */
public final class GeminiRequestTranslator {
    private static final Pattern SEARCH = Pattern.compile("-search(?=-|$)");
    private static final List<String> HARM_CATEGORIES = List.of("HARM_CATEGORY_HARASSMENT",
            "HARM_CATEGORY_HATE_SPEECH", "HARM_CATEGORY_SEXUALLY_EXPLICIT", "HARM_CATEGORY_DANGEROUS_CONTENT");

    private GeminiRequestTranslator() {
    }

    public static ObjectNode body(ChatRequest request, AttemptTarget target, GeminiDialect dialect,
                                  ToolCallMemory memory) {
        String upstream = target.upstreamModel();
        String alias = target.alias();
        boolean keepTools = target.channel().config().tools();
        ReasoningHints hints = ReasoningHints.of(alias, request.body());
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        GeminiContents.Conversation conversation = GeminiContents.translate(request.body().path("messages"), dialect,
                memory, keepTools, target.channel().config().acceptsImages(), upstream);
        body.set("contents", conversation.contents());
        if (conversation.systemInstruction() != null) {
            body.set("systemInstruction", conversation.systemInstruction());
        }
        boolean search = SEARCH.matcher(alias.toLowerCase(Locale.ROOT)).find();
        GeminiTools.apply(request.body(), body, keepTools, search, upstream);
        ObjectNode generation = GeminiGenerationConfig.build(request.body(), upstream, alias, hints);
        if (!generation.isEmpty()) {
            body.set("generationConfig", generation);
        }
        body.set("safetySettings", safetySettings(upstream));
        target.channel().bodyOverrides().apply(body, alias, upstream);
        if (generation.has("thinkingConfig") && GeminiThinking.explicit(hints, alias)) {
            // The client's own choice beats a channel-wide override, as in uni-api.
            ObjectNode config = body.get("generationConfig") instanceof ObjectNode merged ? merged
                    : body.putObject("generationConfig");
            config.set("thinkingConfig", generation.get("thinkingConfig"));
        }
        return body;
    }

    /** A gateway passes content on; Gemini 2 and later accept {@code OFF}, older models {@code BLOCK_NONE}. */
    private static ArrayNode safetySettings(String upstreamModel) {
        String model = upstreamModel.toLowerCase(Locale.ROOT);
        boolean off = model.contains("gemini-2") || GeminiThinking.isGemini3(model) || model.contains("-image");
        ArrayNode settings = JsonNodeFactory.instance.arrayNode();
        for (String category : HARM_CATEGORIES) {
            settings.addObject().put("category", category).put("threshold", off ? "OFF" : "BLOCK_NONE");
        }
        return settings;
    }
}
