package io.uniapi.config;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the client key a request presents. The lookup is by SHA-256 digest and the final comparison is
 * constant-time, so response timing reveals nothing about how close a guess was.
 */
public final class ClientKeys {
    private final List<ClientKey> keys;
    private final Map<ByteBuffer, ClientKey> byDigest = new HashMap<>();

    ClientKeys(List<ClientKey> keys) {
        this.keys = List.copyOf(keys);
        for (ClientKey key : keys) {
            byDigest.put(ByteBuffer.wrap(key.digest()), key);
        }
    }

    public Optional<ClientKey> authenticate(String presented) {
        if (presented == null || presented.isEmpty()) {
            return Optional.empty();
        }
        byte[] digest = ClientKey.sha256(presented);
        ClientKey key = byDigest.get(ByteBuffer.wrap(digest));
        return key != null && MessageDigest.isEqual(key.digest(), digest) ? Optional.of(key) : Optional.empty();
    }

    /** A key named by another key's rule ({@code sk-…/*}); for routing, not for authentication. */
    public Optional<ClientKey> byValue(String value) {
        return Optional.ofNullable(byDigest.get(ByteBuffer.wrap(ClientKey.sha256(value))));
    }

    public List<ClientKey> all() {
        return keys;
    }
}
