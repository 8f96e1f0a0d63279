package io.uniapi.api;

import io.uniapi.config.ClientKey;
import io.uniapi.config.Snapshot;
import io.uniapi.errors.SecretRedactor;

/** How statistics name a client key: masked ({@code sk-a…wxyz}) while it is configured, its fingerprint after. */
final class KeyDisplay {
    private KeyDisplay() {
    }

    static String of(Snapshot snapshot, String fingerprint) {
        for (ClientKey key : snapshot.clientKeys().all()) {
            if (key.fingerprint().equals(fingerprint)) {
                return SecretRedactor.mask(key.config().api());
            }
        }
        return "key:" + fingerprint;
    }
}
