package io.uniapi.http;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/** Maps whatever the HTTP client threw to a {@link TransportException} with a message fit for a client. */
final class TransportErrors {
    private TransportErrors() {
    }

    static TransportException map(Throwable thrown, Duration timeout) {
        Throwable cause = unwrap(thrown);
        if (cause instanceof TransportException already) {
            return already;
        }
        if (cause instanceof TimeoutException || cause instanceof SocketTimeoutException) {
            String message = cause.getMessage() != null && cause.getMessage().toLowerCase().contains("connect")
                    ? "Connection timed out" : "Request timed out after " + timeout.toSeconds() + " seconds";
            return new TransportException(TransportException.Kind.TIMEOUT, message, cause);
        }
        if (cause instanceof ConnectException || cause instanceof UnknownHostException
                || cause instanceof UnresolvedAddressException || cause instanceof NoRouteToHostException) {
            return new TransportException(TransportException.Kind.CONNECT, "Unable to connect to the upstream service", cause);
        }
        if (cause instanceof SSLException) {
            return new TransportException(TransportException.Kind.CONNECT, "TLS handshake with the upstream failed", cause);
        }
        if (cause instanceof CancellationException || cause instanceof InterruptedException) {
            return new TransportException(TransportException.Kind.CANCELLED, "Upstream call cancelled", cause);
        }
        if (cause instanceof EOFException) {
            return new TransportException(TransportException.Kind.BROKEN, "Upstream closed the connection unexpectedly", cause);
        }
        return new TransportException(TransportException.Kind.BROKEN, "Network error talking to the upstream: "
                + cause.getClass().getSimpleName(), cause);
    }

    private static Throwable unwrap(Throwable thrown) {
        Throwable cause = thrown;
        while ((cause instanceof ExecutionException || cause instanceof java.util.concurrent.CompletionException
                || (cause instanceof java.io.IOException && !(cause instanceof TransportException)
                && cause.getCause() != null && cause.getClass() == java.io.IOException.class))
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
