package io.uniapi.telemetry;

import java.time.Duration;

/**
 * Every observability hook of the request path, in one interface: metrics and the statistics writer implement it.
 * Implementations must be fast and must not block: they run on request threads.
 */
public interface GatewayListener {
    default void attemptFinished(AttemptRecord attempt) {
    }

    default void requestFinished(RequestRecord request) {
    }

    /** A request refused before it could be attributed to a client key (e.g. a missing or unknown key). */
    default void requestRejected(int status, String category) {
    }

    default void streamOpened() {
    }

    default void streamClosed() {
    }

    /** An attempt on {@code channel} failed with {@code failureClass} and the request moves on to another attempt. */
    default void attemptRetried(String channel, String failureClass) {
    }

    /** {@code (channel, model)} is left out of routing for {@code period} after a failure. */
    default void channelCooledDown(String channel, String model, Duration period) {
    }

    /** One upstream key of {@code channel} is benched for {@code period}; {@code reason} is a fixed label. */
    default void keyBenched(String channel, String reason, Duration period) {
    }

    /** The 403/404 circuit of {@code (channel, upstreamModel)} opened. */
    default void circuitOpened(String channel, String upstreamModel) {
    }

    /** The gateway answered 429 itself; {@code scope} is {@code global}, {@code client_key} or {@code upstream_keys}. */
    default void rateLimited(String scope) {
    }

    static GatewayListener composite(java.util.List<GatewayListener> listeners) {
        GatewayListener[] all = listeners.toArray(GatewayListener[]::new);
        return new GatewayListener() {
            @Override
            public void attemptFinished(AttemptRecord attempt) {
                for (GatewayListener listener : all) {
                    listener.attemptFinished(attempt);
                }
            }

            @Override
            public void requestFinished(RequestRecord request) {
                for (GatewayListener listener : all) {
                    listener.requestFinished(request);
                }
            }

            @Override
            public void requestRejected(int status, String category) {
                for (GatewayListener listener : all) {
                    listener.requestRejected(status, category);
                }
            }

            @Override
            public void streamOpened() {
                for (GatewayListener listener : all) {
                    listener.streamOpened();
                }
            }

            @Override
            public void streamClosed() {
                for (GatewayListener listener : all) {
                    listener.streamClosed();
                }
            }

            @Override
            public void attemptRetried(String channel, String failureClass) {
                for (GatewayListener listener : all) {
                    listener.attemptRetried(channel, failureClass);
                }
            }

            @Override
            public void channelCooledDown(String channel, String model, Duration period) {
                for (GatewayListener listener : all) {
                    listener.channelCooledDown(channel, model, period);
                }
            }

            @Override
            public void keyBenched(String channel, String reason, Duration period) {
                for (GatewayListener listener : all) {
                    listener.keyBenched(channel, reason, period);
                }
            }

            @Override
            public void circuitOpened(String channel, String upstreamModel) {
                for (GatewayListener listener : all) {
                    listener.circuitOpened(channel, upstreamModel);
                }
            }

            @Override
            public void rateLimited(String scope) {
                for (GatewayListener listener : all) {
                    listener.rateLimited(scope);
                }
            }
        };
    }
}
