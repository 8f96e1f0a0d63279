package io.uniapi.api;

import io.uniapi.config.ClientKey;
import io.uniapi.config.ConfigHolder;
import io.uniapi.config.Snapshot;
import io.uniapi.errors.AuthenticationException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;

/**
 * Reads the current snapshot once for the request (everything downstream uses that object) and authenticates the
 * client key, given as {@code Authorization: Bearer …} or {@code x-api-key: …}.
 */
@ClientKeyRequired
@Priority(Priorities.AUTHENTICATION)
public final class ClientKeyFilter implements ContainerRequestFilter {
    private final ConfigHolder config;

    public ClientKeyFilter(ConfigHolder config) {
        this.config = config;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Snapshot snapshot = config.current();
        String presented = presentedKey(request);
        if (presented == null) {
            throw new AuthenticationException("Missing API key: send it as 'Authorization: Bearer <key>' or 'x-api-key: <key>'.");
        }
        ClientKey key = snapshot.clientKeys().authenticate(presented)
                .orElseThrow(() -> new AuthenticationException("Invalid API key."));
        request.setProperty(RequestAttributes.SNAPSHOT, snapshot);
        request.setProperty(RequestAttributes.CLIENT_KEY, key);
    }

    static String presentedKey(ContainerRequestContext request) {
        String authorization = request.getHeaderString("Authorization");
        if (authorization != null) {
            String value = authorization.trim();
            if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
                value = value.substring(7).trim();
            }
            if (!value.isEmpty()) {
                return value;
            }
        }
        String apiKey = request.getHeaderString("x-api-key");
        return apiKey == null || apiKey.isBlank() ? null : apiKey.trim();
    }
}
