package io.uniapi.dispatch;

import io.uniapi.config.ClientKey;
import io.uniapi.config.Snapshot;
import io.uniapi.http.UpstreamStream;
import io.uniapi.limits.Admission;
import io.uniapi.telemetry.GatewayListener;
import io.uniapi.telemetry.RequestRecord;
import io.uniapi.telemetry.TokenUsage;

import java.time.Duration;
import java.time.Instant;

/**
 * One client request: the snapshot it was admitted under (read once, at the entry point), the key, and what
 * happened so far. Owned by the thread serving the request; {@link #finish} reports it exactly once.
 */
public final class RequestContext {
    private final String requestId;
    private final Snapshot snapshot;
    private final ClientKey key;
    private final String endpoint;
    private final String clientIp;
    private final GatewayListener listener;
    private final Instant startedAt = Instant.now();
    private final long startNanos = System.nanoTime();
    private int attempts;
    private String channel;
    private long firstByteNanos = -1;
    private TokenUsage usage = TokenUsage.NONE;
    private boolean finished;
    private Admission admission = Admission.UNLIMITED;
    private volatile boolean cancelled;
    private volatile UpstreamStream inFlight;

    public RequestContext(String requestId, Snapshot snapshot, ClientKey key, String endpoint, String clientIp,
                          GatewayListener listener) {
        this.requestId = requestId;
        this.snapshot = snapshot;
        this.key = key;
        this.endpoint = endpoint;
        this.clientIp = clientIp;
        this.listener = listener;
    }

    public String requestId() {
        return requestId;
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    public ClientKey key() {
        return key;
    }

    GatewayListener listener() {
        return listener;
    }

    void attemptStarted() {
        attempts++;
    }

    void answeredBy(String channelName) {
        channel = channelName;
    }

    void firstByteSent() {
        if (firstByteNanos < 0) {
            firstByteNanos = System.nanoTime();
        }
    }

    void usage(TokenUsage observed) {
        usage = observed;
    }

    /** The client key's rate limit as it stood after admitting this request ({@code x-ratelimit-*} headers). */
    public Admission admission() {
        return admission;
    }

    void admitted(Admission admitted) {
        admission = admitted;
    }

    int attempts() {
        return attempts;
    }

    /** The client went away: no further attempts, and the one in flight is aborted. Safe from any thread. */
    void cancel() {
        cancelled = true;
        UpstreamStream stream = inFlight;
        if (stream != null) {
            stream.abort("client disconnected");
        }
    }

    boolean cancelled() {
        return cancelled;
    }

    /** The upstream stream an attempt is reading before commit, so that {@link #cancel} can abort it. */
    void inFlight(UpstreamStream stream) {
        inFlight = stream;
        if (stream != null && cancelled) {
            stream.abort("client disconnected");
        }
    }

    /** Reports the request once; later calls are ignored. */
    public void finish(String model, int status, boolean stream, String errorCategory) {
        if (finished) {
            return;
        }
        finished = true;
        long now = System.nanoTime();
        listener.requestFinished(new RequestRecord(requestId, startedAt, endpoint, key.fingerprint(), key.label(), model,
                channel, status, stream, Duration.ofNanos(now - startNanos),
                firstByteNanos < 0 ? null : Duration.ofNanos(firstByteNanos - startNanos), usage, attempts, clientIp,
                errorCategory, key.config().role()));
    }
}
