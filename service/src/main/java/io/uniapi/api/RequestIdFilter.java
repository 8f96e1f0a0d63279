package io.uniapi.api;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Gives every request an id, returned as {@code x-request-id} on every response (errors included): the trace id of a
 * valid W3C {@code traceparent} (so logs join the caller's trace), else the caller's own {@code x-request-id} when it
 * is sane, else a random one.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public final class RequestIdFilter implements ContainerRequestFilter, ContainerResponseFilter {
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(RequestAttributes.REQUEST_ID, idFor(request));
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(RequestAttributes.REQUEST_ID);
        if (id != null) {
            response.getHeaders().putSingle("x-request-id", id);
        }
    }

    private static String idFor(ContainerRequestContext request) {
        String traceparent = request.getHeaderString("traceparent");
        if (traceparent != null) {
            var m = TRACEPARENT.matcher(traceparent.trim());
            if (m.matches()) {
                return m.group(1);
            }
        }
        String given = request.getHeaderString("x-request-id");
        if (given != null && SAFE_ID.matcher(given).matches()) {
            return given;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return String.format("%016x%016x", random.nextLong(), random.nextLong());
    }
}
