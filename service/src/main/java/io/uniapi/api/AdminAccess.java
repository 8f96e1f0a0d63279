package io.uniapi.api;

import io.uniapi.config.ClientKey;
import io.uniapi.errors.PermissionDeniedException;

/** Admin endpoints: the only key, or a key whose role contains {@code admin} (reference §2.2). */
final class AdminAccess {
    private AdminAccess() {
    }

    static void require(ClientKey key) {
        if (key == null || !key.admin()) {
            throw new PermissionDeniedException("Permission denied: this endpoint needs an admin key (a key whose role"
                    + " contains 'admin', or the only key of the config).");
        }
    }
}
