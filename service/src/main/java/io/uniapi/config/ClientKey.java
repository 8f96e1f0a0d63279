package io.uniapi.config;

import io.uniapi.errors.SecretRedactor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A compiled client key. {@link #label()} and {@link #fingerprint()} are safe to log and store; the key itself is
 * only reachable through {@link #config()} for the places that must forward it.
 */
public final class ClientKey {
    private final ClientKeyConfig config;
    private final boolean admin;
    private final byte[] digest;
    private final String fingerprint;

    ClientKey(ClientKeyConfig config, boolean admin) {
        this.config = config;
        this.admin = admin;
        this.digest = sha256(config.api());
        this.fingerprint = HexFormat.of().formatHex(digest, 0, 6);
    }

    public ClientKeyConfig config() {
        return config;
    }

    public List<ModelRule> rules() {
        return config.rules();
    }

    public boolean admin() {
        return admin;
    }

    /** The role when set, else the masked key: what logs and stats show for this key. */
    public String label() {
        return config.role() != null && !config.role().isBlank() ? config.role() : SecretRedactor.mask(config.api());
    }

    /** A stable, non-reversible id of the key (12 hex digits of its SHA-256). */
    public String fingerprint() {
        return fingerprint;
    }

    byte[] digest() {
        return digest;
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
