package io.uniapi.http;

import java.io.IOException;

/** The upstream call failed below HTTP: no answer, or a broken one. {@link Kind} maps to the status a client sees. */
public final class TransportException extends IOException {

    public enum Kind {
        /** Could not connect (refused, DNS, TLS handshake): 503. */
        CONNECT(503),
        /** Connected, but the upstream stayed silent longer than the timeout: 504. */
        TIMEOUT(504),
        /** The connection broke or the answer was malformed: 502. */
        BROKEN(502),
        /** We gave up on the call ourselves, e.g. the client went away. */
        CANCELLED(499);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Kind kind;

    public TransportException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
