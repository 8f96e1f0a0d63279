package io.uniapi.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uniapi.errors.AuthenticationException;
import io.uniapi.errors.GatewayException;
import io.uniapi.errors.RateLimitedException;
import io.uniapi.errors.UpstreamException;
import io.uniapi.providers.WireJson;
import io.uniapi.telemetry.GatewayListener;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Renders every error a client can get in OpenAI's shape: {@code {"error":{"message","type","param","code"}}}. */
public final class OpenAiErrorMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(OpenAiErrorMapper.class);

    private final GatewayListener listener;

    @Context
    private UriInfo uriInfo;

    @Context
    private Request request;

    public OpenAiErrorMapper(GatewayListener listener) {
        this.listener = listener;
    }

    @Override
    public Response toResponse(Throwable thrown) {
        if (thrown instanceof GatewayException error) {
            if (error instanceof AuthenticationException) {
                listener.requestRejected(error.status(), error.category());
            }
            return render(error);
        }
        if (thrown instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            listener.requestRejected(status, "http_" + status);
            return render(status, body(messageFor(web), "invalid_request_error", null, codeFor(web)));
        }
        LOG.error("Unexpected error while serving {} {}", request.getMethod(), uriInfo.getPath(), thrown);
        listener.requestRejected(500, "internal");
        return render(500, body("The gateway failed while serving this request; see its log.", "server_error", null,
                "internal_error"));
    }

    static Response render(GatewayException error) {
        Response response = render(error.status(), errorObject(error));
        if (error instanceof RateLimitedException limited && limited.retryAfter() != null) {
            long seconds = Math.max(1, (limited.retryAfter().toMillis() + 999) / 1000);
            return Response.fromResponse(response).header("Retry-After", seconds).build();
        }
        return response;
    }

    /** The {@code error} object a client gets for {@code error}, also used for in-band stream error events. */
    static ObjectNode errorObject(GatewayException error) {
        return error instanceof UpstreamException upstream && upstream.upstreamError() != null
                ? normalised(upstream.upstreamError())
                : body(error.getMessage(), error.type(), error.param(), error.code());
    }

    private static Response render(int status, ObjectNode error) {
        ObjectNode envelope = JsonNodeFactory.instance.objectNode();
        envelope.set("error", error);
        byte[] bytes = WireJson.bytes(envelope);
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .header("Content-Length", bytes.length).entity(bytes).build();
    }

    private static ObjectNode body(String message, String type, String param, String code) {
        ObjectNode error = JsonNodeFactory.instance.objectNode();
        error.put("message", message);
        error.put("type", type);
        error.put("param", param);
        error.put("code", code);
        return error;
    }

    /** An upstream's error object with the four fields OpenAI clients read, whatever else it carries. */
    private static ObjectNode normalised(ObjectNode upstream) {
        ObjectNode error = upstream.deepCopy();
        for (String field : new String[] {"message", "type", "param", "code"}) {
            JsonNode value = error.get(field);
            if (value == null) {
                error.putNull(field);
            }
        }
        if (error.get("message").isNull()) {
            error.put("message", "Upstream error");
        }
        return error;
    }

    private String messageFor(WebApplicationException web) {
        if (web instanceof NotFoundException || web instanceof NotAllowedException) {
            return "Invalid URL (" + request.getMethod() + " /" + uriInfo.getPath() + ")";
        }
        String message = web.getMessage();
        return message == null || message.isBlank() ? "HTTP " + web.getResponse().getStatus() : message;
    }

    private static String codeFor(WebApplicationException web) {
        if (web instanceof NotFoundException) {
            return "unknown_url";
        }
        if (web instanceof NotAllowedException) {
            return "method_not_allowed";
        }
        return null;
    }
}
