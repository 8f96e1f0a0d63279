package io.uniapi.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uniapi.config.ClientKey;
import io.uniapi.config.Snapshot;
import io.uniapi.errors.ModelNotFoundException;
import io.uniapi.providers.WireJson;
import io.uniapi.routing.Router;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** {@code GET /v1/models}: exactly the models the calling key may use, in OpenAI's list shape. */
@Path("/v1/models")
@ClientKeyRequired
public final class ModelsResource {
    /** uni-api's fixed {@code created} value; clients only display it. */
    private static final long CREATED = 1720524448858L;

    private final Router router;

    public ModelsResource(Router router) {
        this.router = router;
    }

    @GET
    public Response list(@Context ContainerRequestContext request) {
        ObjectNode list = JsonNodeFactory.instance.objectNode();
        list.put("object", "list");
        ArrayNode data = list.putArray("data");
        for (String model : models(request)) {
            data.add(model(model));
        }
        return json(list);
    }

    @GET
    @Path("/{model: .+}")
    public Response retrieve(@Context ContainerRequestContext request, @PathParam("model") String model) {
        if (!models(request).contains(model)) {
            throw new ModelNotFoundException(model);
        }
        return json(model(model));
    }

    private List<String> models(ContainerRequestContext request) {
        Snapshot snapshot = RequestAttributes.snapshot(request);
        ClientKey key = RequestAttributes.clientKey(request);
        return router.models(snapshot, key);
    }

    private static ObjectNode model(String id) {
        ObjectNode model = JsonNodeFactory.instance.objectNode();
        model.put("id", id);
        model.put("object", "model");
        model.put("created", CREATED);
        model.put("owned_by", "uni-api");
        return model;
    }

    private static Response json(ObjectNode body) {
        byte[] bytes = WireJson.bytes(body);
        return Response.ok(bytes, MediaType.APPLICATION_JSON_TYPE).header("Content-Length", bytes.length).build();
    }
}
