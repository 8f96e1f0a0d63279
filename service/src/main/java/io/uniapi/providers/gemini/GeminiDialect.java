package io.uniapi.providers.gemini;

/**
 * The few ways in which the Gemini-format APIs differ for the request body. AI Studio's {@code v1} has no
 * {@code systemInstruction} (uni-api puts the system text before the first user text there).
 */
public enum GeminiDialect {
    AI_STUDIO_V1BETA(true),
    AI_STUDIO_V1(false),
    VERTEX(true);

    private final boolean systemInstruction;

    GeminiDialect(boolean systemInstruction) {
        this.systemInstruction = systemInstruction;
    }

    boolean systemInstruction() {
        return systemInstruction;
    }
}
