package io.uniapi.api;

import io.uniapi.dispatch.RequestContext;
import io.uniapi.limits.Admission;
import jakarta.ws.rs.core.Response;

/**
 * OpenAI's rate-limit headers on a successful answer, from the client key's {@code rate_limit}:
 * {@code x-ratelimit-limit-requests} (the tightest window's capacity) and {@code x-ratelimit-remaining-requests}.
 * Absent when the key has no limit.
 */
final class RateLimitHeaders {
    private RateLimitHeaders() {
    }

    static Response.ResponseBuilder add(Response.ResponseBuilder response, RequestContext context) {
        Admission admission = context.admission();
        if (admission.limited()) {
            response.header("x-ratelimit-limit-requests", admission.limit())
                    .header("x-ratelimit-remaining-requests", admission.remaining());
        }
        return response;
    }
}
