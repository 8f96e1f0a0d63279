package io.uniapi.config;

import java.util.HexFormat;

/** A short, stable, non-reversible id of a secret (12 hex digits of its SHA-256), safe for logs, stats and metrics. */
public final class Fingerprint {
    private Fingerprint() {
    }

    public static String of(String secret) {
        return secret == null ? null : HexFormat.of().formatHex(ClientKey.sha256(secret), 0, 6);
    }
}
