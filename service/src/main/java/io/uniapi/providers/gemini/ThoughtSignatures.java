package io.uniapi.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Keeps Gemini's thought signatures so that they go back to Gemini with the tool calls they belong to (Gemini 3
 * answers 400 without them). OpenAI clients only send back a tool call's id, name and arguments, so the gateway
 * gives each tool call a short OpenAI-shaped id ({@code call_} + 24 characters, which OpenAI and Anthropic also
 * accept when a conversation moves to another provider) and remembers the signature under that id, in memory,
 * bounded by size and age. A signature is also found where clients of Google's own OpenAI-compatible endpoint put
 * it ({@code extra_content.google.thought_signature}, which the gateway also sends), and inside ids of the form
 * {@code call_<base64url signature>.<nonce>} that uni-api's Python version generated.
 */
public final class ThoughtSignatures {
    private static final long MAX_BYTES = 32L << 20;
    private static final Pattern BASE64_TEXT = Pattern.compile("[A-Za-z0-9+/_-]+={0,2}");

    private final Cache<String, String> byToolCallId;

    public ThoughtSignatures() {
        this(MAX_BYTES, Duration.ofHours(24));
    }

    ThoughtSignatures(long maxBytes, Duration keepFor) {
        this.byToolCallId = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .<String, String>weigher((id, signature) -> id.length() + signature.length())
                .expireAfterAccess(keepFor)
                .build();
    }

    void remember(String toolCallId, String signature) {
        if (signature != null && !signature.isEmpty()) {
            byToolCallId.put(toolCallId, signature);
        }
    }

    /** The signature of an OpenAI {@code tool_calls[]} entry the client sent back, or null. */
    String of(JsonNode toolCall) {
        JsonNode carried = toolCall.path("extra_content").path("google").path("thought_signature");
        if (carried.isTextual() && !carried.textValue().isEmpty()) {
            return carried.textValue();
        }
        String id = toolCall.path("id").asText("");
        String remembered = byToolCallId.getIfPresent(id);
        return remembered != null ? remembered : fromReferenceId(id);
    }

    private static String fromReferenceId(String id) {
        int dot = id.indexOf('.');
        if (!id.startsWith("call_") || dot < 6) {
            return null;
        }
        try {
            byte[] decoded = Base64.getUrlDecoder().decode(id.substring(5, dot));
            String text = new String(decoded, StandardCharsets.ISO_8859_1);
            // Either the signature's base64 text encoded once more, or the signature's bytes.
            return BASE64_TEXT.matcher(text).matches() ? text : Base64.getEncoder().encodeToString(decoded);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
