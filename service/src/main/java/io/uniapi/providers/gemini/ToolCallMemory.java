package io.uniapi.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * What Gemini said about the tool calls it made that OpenAI clients cannot carry back: each call's thought signature
 * (Gemini 3 answers 400 when a call comes back without it) and whether the call's id was Gemini's own (then it goes
 * back in {@code functionCall.id} and {@code functionResponse.id}). OpenAI clients return only a tool call's id,
 * name and arguments, so this is remembered under the id, in memory, bounded by size and age. An id is
 * {@code call_} and 24 characters unless Gemini chose one, so conversations can move to OpenAI (ids of at most 40
 * characters) or Anthropic (no dots) without trouble. A signature is also found where clients of Google's own
 * OpenAI-compatible endpoint keep it ({@code extra_content.google.thought_signature}, which the gateway also sends),
 * and inside ids {@code call_<base64url signature>.<nonce>} made by uni-api's Python version.
 */
public final class ToolCallMemory {
    private static final long MAX_BYTES = 32L << 20;
    private static final Pattern BASE64_TEXT = Pattern.compile("[A-Za-z0-9+/_-]+={0,2}");

    /** @param signature Gemini's thought signature or null; {@code upstreamId} the id was Gemini's */
    private record Remembered(String signature, boolean upstreamId) {
    }

    private final Cache<String, Remembered> byToolCallId;

    public ToolCallMemory() {
        this(MAX_BYTES, Duration.ofHours(24));
    }

    ToolCallMemory(long maxBytes, Duration keepFor) {
        this.byToolCallId = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .<String, Remembered>weigher((id, r) -> 16 + id.length() + (r.signature == null ? 0 : r.signature.length()))
                .expireAfterAccess(keepFor)
                .build();
    }

    void remember(String toolCallId, String signature, boolean upstreamId) {
        if ((signature != null && !signature.isEmpty()) || upstreamId) {
            byToolCallId.put(toolCallId, new Remembered(signature == null || signature.isEmpty() ? null : signature,
                    upstreamId));
        }
    }

    /** Whether Gemini itself chose this tool call id. */
    boolean isUpstreamId(String toolCallId) {
        Remembered remembered = byToolCallId.getIfPresent(toolCallId);
        return remembered != null && remembered.upstreamId;
    }

    /** The signature of an OpenAI {@code tool_calls[]} entry the client sent back, or null. */
    String signatureOf(JsonNode toolCall) {
        JsonNode carried = toolCall.path("extra_content").path("google").path("thought_signature");
        if (carried.isTextual() && !carried.textValue().isEmpty()) {
            return carried.textValue();
        }
        String id = toolCall.path("id").asText("");
        Remembered remembered = byToolCallId.getIfPresent(id);
        return remembered != null && remembered.signature != null ? remembered.signature : fromReferenceId(id);
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
