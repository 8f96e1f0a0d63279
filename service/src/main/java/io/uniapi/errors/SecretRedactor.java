package io.uniapi.errors;

import java.util.Collection;

/** Removes known secrets from text that may echo them (upstream error bodies, exception messages). */
public final class SecretRedactor {
    private static final int SHORTEST_SECRET = 6;

    private SecretRedactor() {
    }

    public static String redact(String text, Collection<String> secrets) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : secrets) {
            if (secret != null && secret.length() >= SHORTEST_SECRET && out.contains(secret)) {
                out = out.replace(secret, mask(secret));
            }
        }
        return out;
    }

    /** A recognisable but useless form of a secret: {@code sk-a…wxyz}. */
    public static String mask(String secret) {
        if (secret == null || secret.length() < 12) {
            return "***";
        }
        return secret.substring(0, 4) + "…" + secret.substring(secret.length() - 4);
    }
}
