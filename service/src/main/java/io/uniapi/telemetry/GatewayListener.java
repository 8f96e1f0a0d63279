package io.uniapi.telemetry;

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
        };
    }
}
