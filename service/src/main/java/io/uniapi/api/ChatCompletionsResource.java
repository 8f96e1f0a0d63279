package io.uniapi.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uniapi.config.Snapshot;
import io.uniapi.dispatch.Dispatcher;
import io.uniapi.dispatch.RequestContext;
import io.uniapi.dispatch.StreamRelay;
import io.uniapi.errors.GatewayException;
import io.uniapi.images.ImageInliner;
import io.uniapi.providers.ChatRequest;
import io.uniapi.providers.WireJson;
import io.uniapi.telemetry.GatewayListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.InputStream;

/** {@code POST /v1/chat/completions}: OpenAI's chat API in front of every configured provider. */
@Path("/v1/chat/completions")
@ClientKeyRequired
public final class ChatCompletionsResource {
    private static final String ENDPOINT = "POST /v1/chat/completions";

    private final Dispatcher dispatcher;
    private final GatewayListener listener;
    private final ImageInliner images;

    public ChatCompletionsResource(Dispatcher dispatcher, GatewayListener listener, ImageInliner images) {
        this.dispatcher = dispatcher;
        this.listener = listener;
        this.images = images;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response create(@Context ContainerRequestContext request, @Context HttpServletRequest servlet, InputStream body) {
        Snapshot snapshot = RequestAttributes.snapshot(request);
        RequestContext context = new RequestContext(RequestAttributes.requestId(request), snapshot,
                RequestAttributes.clientKey(request), ENDPOINT, ClientAddress.of(request, servlet), listener);
        ChatRequest chat = null;
        try {
            chat = ChatRequestReader.read(body, request.getLength(), snapshot.settings().maxRequestBodyBytes());
            chat = images.inline(chat, snapshot.settings().proxy());
            if (chat.stream()) {
                StreamRelay relay = dispatcher.stream(context, chat);
                StreamingOutput stream = out -> relay.relayTo(new SseWriter(out));
                return RateLimitHeaders.add(Response.ok(stream, "text/event-stream; charset=utf-8"), context)
                        .header("Cache-Control", "no-cache")
                        .header("X-Accel-Buffering", "no")
                        .build();
            }
            ObjectNode completion = dispatcher.complete(context, chat);
            byte[] bytes = WireJson.bytes(completion);
            context.finish(chat.model(), 200, false, null);
            return RateLimitHeaders.add(Response.ok(bytes, MediaType.APPLICATION_JSON_TYPE), context)
                    .header("Content-Length", bytes.length).build();
        } catch (GatewayException e) {
            context.finish(chat == null ? null : chat.model(), e.status(), chat != null && chat.stream(), e.category());
            throw e;
        }
    }
}
