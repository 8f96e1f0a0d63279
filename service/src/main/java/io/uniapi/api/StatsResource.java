package io.uniapi.api;

import io.uniapi.errors.InvalidRequestException;
import io.uniapi.stats.StatsBackend;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import java.time.Duration;
import java.util.Map;

/** {@code GET /v1/stats?hours=N} (admin): success rates per channel and counts per model, endpoint and IP (§7.2). */
@Path("/v1/stats")
@ClientKeyRequired
@Produces(MediaType.APPLICATION_JSON)
public final class StatsResource {
    private final StatsBackend stats;

    public StatsResource(StatsBackend stats) {
        this.stats = stats;
    }

    @GET
    public Object stats(@Context ContainerRequestContext request, @QueryParam("hours") String hoursParam) {
        AdminAccess.require(RequestAttributes.clientKey(request));
        int hours = hours(hoursParam);
        if (!stats.enabled()) {
            return Map.of("stats", Map.of());
        }
        return StatsUnavailable.query(() -> stats.reports().summary(hours,
                stats.clock().instant().minus(Duration.ofHours(hours))));
    }

    private static int hours(String value) {
        if (value == null || value.isBlank()) {
            return 24;
        }
        try {
            int hours = Integer.parseInt(value.trim());
            if (hours >= 1 && hours <= 720) {
                return hours;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new InvalidRequestException("invalid_value", "hours", "hours: '" + value + "' (expected 1 to 720)");
    }
}
