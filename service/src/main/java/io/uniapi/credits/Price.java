package io.uniapi.credits;

/**
 * A {@code model_price} value: USD per million prompt and completion tokens, written {@code "in,out"} (e.g.
 * {@code "2.5,10"}).
 */
public record Price(double prompt, double completion) {

    public static Price parse(String text) {
        String[] parts = text.split(",");
        if (parts.length != 2) {
            throw new IllegalArgumentException("'" + text + "' (expected \"input,output\" in USD per million tokens, e.g. \"2.5,10\")");
        }
        try {
            double prompt = Double.parseDouble(parts[0].trim());
            double completion = Double.parseDouble(parts[1].trim());
            if (prompt < 0 || completion < 0 || Double.isNaN(prompt) || Double.isNaN(completion)) {
                throw new NumberFormatException();
            }
            return new Price(prompt, completion);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' (expected two non-negative numbers, e.g. \"2.5,10\")");
        }
    }

    /** The cost in USD of a request with these token counts. */
    public double cost(long promptTokens, long completionTokens) {
        return (promptTokens * prompt + completionTokens * completion) / 1_000_000.0;
    }

    @Override
    public String toString() {
        return prompt + "," + completion;
    }
}
