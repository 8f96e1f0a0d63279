package io.uniapi.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code GET /healthz} without credentials, as uni-api answers it (load balancers and Docker health checks use it). */
@Path("/healthz")
public final class HealthzResource {
    private final byte[] body;

    public HealthzResource(String version) {
        this.body = ("{\"status\":\"ok\",\"version\":\"" + version + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @GET
    public Response get() {
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).header("Content-Length", body.length).build();
    }

    @HEAD
    public Response head() {
        return Response.ok().type(MediaType.APPLICATION_JSON_TYPE).build();
    }
}
