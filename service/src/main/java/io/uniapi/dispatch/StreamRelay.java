package io.uniapi.dispatch;

import io.uniapi.errors.GatewayException;
import io.uniapi.errors.UpstreamException;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A streamed answer ready to be written to the client. Usually it is already committed to one upstream. When
 * {@code keepalive_interval} applies and no upstream has produced content within it, the HTTP 200 and SSE headers go
 * out first and {@code : keepalive} comments follow every interval while failover goes on behind them, unseen: the
 * client gets the first upstream that commits, or, if every attempt fails, one in-band error event (no
 * {@code [DONE]}). A client that goes away during the keepalives cancels the remaining attempts.
 */
public final class StreamRelay {
    private static final String KEEPALIVE = "keepalive";

    private final UpstreamRelay committed;
    private final CompletableFuture<UpstreamRelay> pending;
    private final Duration keepalive;
    private final RequestContext context;
    private final String model;

    private StreamRelay(UpstreamRelay committed, CompletableFuture<UpstreamRelay> pending, Duration keepalive,
                        RequestContext context, String model) {
        this.committed = committed;
        this.pending = pending;
        this.keepalive = keepalive;
        this.context = context;
        this.model = model;
    }

    static StreamRelay committed(UpstreamRelay relay) {
        return new StreamRelay(relay, null, null, null, null);
    }

    static StreamRelay awaitingCommit(CompletableFuture<UpstreamRelay> pending, Duration keepalive,
                                      RequestContext context, String model) {
        return new StreamRelay(null, pending, keepalive, context, model);
    }

    /**
     * Writes the stream to the client until the upstream ends, fails (one in-band error event, no {@code [DONE]}) or
     * the client goes away.
     */
    public void relayTo(EventWriter writer) {
        if (committed != null) {
            committed.relayTo(writer);
            return;
        }
        UpstreamRelay relay;
        try {
            relay = awaitWithKeepalives(writer);
        } catch (IOException | InterruptedException e) {
            abandon();
            context.finish(model, 499, true, "client_disconnected");
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return;
        } catch (GatewayException e) {
            try {
                writer.error(e);
            } catch (IOException ignored) {
                // The client is gone too.
            }
            context.finish(model, e.status(), true, e.category());
            return;
        }
        relay.relayTo(writer);
    }

    /** The first interval has passed already (that is why the headers went out): a keepalive at once, then every interval. */
    private UpstreamRelay awaitWithKeepalives(EventWriter writer) throws IOException, InterruptedException {
        while (true) {
            writer.comment(KEEPALIVE);
            try {
                return pending.get(keepalive.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // Still failing over or waiting for a first token: keep the connection alive.
            } catch (ExecutionException e) {
                throw e.getCause() instanceof GatewayException error ? error
                        : UpstreamException.exhausted(502, "The stream could not be started: " + e.getCause());
            } catch (CancellationException e) {
                throw new InterruptedException("cancelled");
            }
        }
    }

    private void abandon() {
        context.cancel();
        pending.whenComplete((relay, failure) -> {
            if (relay != null) {
                relay.discard();
            }
        });
    }
}
