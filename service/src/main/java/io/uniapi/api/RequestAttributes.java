package io.uniapi.api;

import io.uniapi.config.ClientKey;
import io.uniapi.config.Snapshot;
import jakarta.ws.rs.container.ContainerRequestContext;

/** What the filters attach to a request: its id, the snapshot it is served under, and the authenticated key. */
final class RequestAttributes {
    static final String REQUEST_ID = "uniapi.requestId";
    static final String SNAPSHOT = "uniapi.snapshot";
    static final String CLIENT_KEY = "uniapi.clientKey";

    private RequestAttributes() {
    }

    static String requestId(ContainerRequestContext request) {
        return (String) request.getProperty(REQUEST_ID);
    }

    static Snapshot snapshot(ContainerRequestContext request) {
        return (Snapshot) request.getProperty(SNAPSHOT);
    }

    static ClientKey clientKey(ContainerRequestContext request) {
        return (ClientKey) request.getProperty(CLIENT_KEY);
    }
}
