package io.uniapi.http;

import io.dropwizard.lifecycle.Managed;
import org.eclipse.jetty.client.BasicAuthentication;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.HttpProxy;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Socks5;
import org.eclipse.jetty.client.Socks5Proxy;
import org.eclipse.jetty.client.WWWAuthenticationProtocolHandler;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The upstream HTTP client: pooled keep-alive connections (Jetty's client, which shares the server's I/O stack),
 * one pool per distinct proxy. The request timeout is applied as the longest silence allowed (before the first
 * byte and between bytes), which is what an LLM call needs: first tokens can take minutes, a stalled stream must not.
 */
public final class UpstreamHttp implements Managed {

    /**
     * @param maxResponseBytes largest non-streamed answer accepted (image generations in base64 are big)
     */
    public record Settings(Duration connectTimeout, int maxConnectionsPerHost, long maxResponseBytes, String userAgent) {
    }

    private final Settings settings;
    private final ConcurrentMap<String, HttpClient> clients = new ConcurrentHashMap<>();
    private volatile boolean stopped;

    public UpstreamHttp(Settings settings) {
        this.settings = settings;
    }

    @Override
    public void start() throws Exception {
        client(null);
    }

    @Override
    public void stop() throws Exception {
        stopped = true;
        for (HttpClient client : clients.values()) {
            client.stop();
        }
        clients.clear();
    }

    /** Sends the request and buffers the whole answer. */
    public UpstreamResponse exchange(UpstreamRequest call, Duration timeout) throws TransportException {
        Request request = newRequest(call, timeout);
        try {
            ContentResponse response = new CompletableResponseListener(request, (int) Math.min(Integer.MAX_VALUE,
                    settings.maxResponseBytes())).send().get();
            return new UpstreamResponse(response.getStatus(), headers(response), response.getContent());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            request.abort(e);
            throw TransportErrors.map(e, timeout);
        } catch (Exception e) {
            throw TransportErrors.map(e, timeout);
        }
    }

    /**
     * A GET with a total deadline and a size cap (e.g. an image a client linked to). Redirects are followed; an answer
     * over {@code maxBytes} is abandoned and fails as {@link TransportException.Kind#BROKEN}.
     */
    public UpstreamResponse fetch(URI uri, Map<String, String> headers, Duration deadline, int maxBytes, String proxy)
            throws TransportException {
        Request request = newRequest(UpstreamRequest.get(uri, headers, proxy), deadline)
                .timeout(deadline.toMillis(), TimeUnit.MILLISECONDS);
        InputStreamResponseListener listener = new InputStreamResponseListener();
        request.send(listener);
        try {
            Response response = listener.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            byte[] body;
            try (var in = listener.getInputStream()) {
                body = in.readNBytes(maxBytes + 1);
            }
            if (body.length > maxBytes) {
                request.abort(new CancellationException("answer too large"));
                throw new TransportException(TransportException.Kind.BROKEN, "the answer is larger than " + maxBytes
                        + " bytes", null);
            }
            return new UpstreamResponse(response.getStatus(), headers(response), body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            request.abort(e);
            throw TransportErrors.map(e, deadline);
        } catch (Exception e) {
            request.abort(e);
            throw TransportErrors.map(e, deadline);
        }
    }

    /** Sends the request and returns once the status and headers arrived; the body is read from the stream. */
    public UpstreamStream open(UpstreamRequest call, Duration timeout) throws TransportException {
        Request request = newRequest(call, timeout);
        InputStreamResponseListener listener = new InputStreamResponseListener();
        request.send(listener);
        try {
            Response response = listener.get(timeout.toMillis() + settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return new UpstreamStream(request, response, listener, timeout);
        } catch (TimeoutException e) {
            request.abort(e);
            throw TransportErrors.map(e, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            request.abort(e);
            throw TransportErrors.map(e, timeout);
        } catch (Exception e) {
            request.abort(e);
            throw TransportErrors.map(e, timeout);
        }
    }

    private Request newRequest(UpstreamRequest call, Duration timeout) throws TransportException {
        if (stopped) {
            throw new TransportException(TransportException.Kind.CANCELLED, "the gateway is shutting down", null);
        }
        HttpClient client;
        try {
            client = client(call.proxy());
        } catch (IllegalArgumentException e) {
            throw new TransportException(TransportException.Kind.CONNECT, "invalid proxy: " + e.getMessage(), e);
        }
        Request request = client.newRequest(call.uri())
                .method(call.method())
                .idleTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        String contentType = call.headers().getOrDefault("Content-Type", "application/json");
        request.headers(h -> call.headers().forEach((name, value) -> {
            if (!name.equalsIgnoreCase("Content-Type")) {
                h.put(name, value);
            }
        }));
        if (call.body() != null) {
            request.body(new BytesRequestContent(contentType, call.body()));
        }
        return request;
    }

    private HttpClient client(String proxy) {
        String key = proxy == null ? "" : proxy.trim();
        HttpClient existing = clients.get(key);
        if (existing != null) {
            return existing;
        }
        return clients.computeIfAbsent(key, k -> startClient(k.isEmpty() ? null : ProxySpec.parse(k)));
    }

    private HttpClient startClient(ProxySpec proxy) {
        ClientConnector connector = new ClientConnector();
        connector.setSslContextFactory(new SslContextFactory.Client());
        connector.setConnectTimeout(settings.connectTimeout());
        QueuedThreadPool executor = new QueuedThreadPool(200, 4);
        executor.setName("upstream-http");
        executor.setDaemon(true);
        connector.setExecutor(executor);
        HttpClient client = new HttpClient(new HttpClientTransportOverHTTP(connector));
        client.setExecutor(executor);
        client.setConnectTimeout(settings.connectTimeout().toMillis());
        client.setMaxConnectionsPerDestination(settings.maxConnectionsPerHost());
        client.setMaxRequestsQueuedPerDestination(Math.max(1024, settings.maxConnectionsPerHost() * 4));
        client.setIdleTimeout(Duration.ofSeconds(60).toMillis());
        client.setFollowRedirects(true);
        client.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, settings.userAgent()));
        // Relay bodies as the upstream sends them; decoding gzip would cost CPU on every streamed chunk.
        client.getContentDecoderFactories().clear();
        if (proxy != null) {
            configureProxy(client, proxy);
        }
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the upstream HTTP client", e);
        }
        // A 401 is an answer to relay (a bad upstream key), not a challenge to answer: Jetty's handler (installed by
        // start()) turns one without WWW-Authenticate, which is what LLM APIs send, into a transport error.
        client.getProtocolHandlers().remove(WWWAuthenticationProtocolHandler.NAME);
        return client;
    }

    private static void configureProxy(HttpClient client, ProxySpec proxy) {
        if (proxy.type() == ProxySpec.Type.SOCKS5) {
            Socks5Proxy socks = new Socks5Proxy(proxy.host(), proxy.port());
            if (proxy.user() != null) {
                socks.putAuthenticationFactory(new Socks5.UsernamePasswordAuthenticationFactory(proxy.user(), proxy.password()));
            }
            client.getProxyConfiguration().addProxy(socks);
        } else {
            client.getProxyConfiguration().addProxy(new HttpProxy(proxy.host(), proxy.port()));
            if (proxy.user() != null) {
                URI proxyUri = URI.create("http://" + proxy.host() + ":" + proxy.port());
                client.getAuthenticationStore().addAuthenticationResult(
                        new BasicAuthentication.BasicResult(proxyUri, HttpHeader.PROXY_AUTHORIZATION, proxy.user(), proxy.password()));
            }
        }
    }

    private static Map<String, String> headers(Response response) {
        Map<String, String> out = new HashMap<>();
        for (HttpField field : response.getHeaders()) {
            out.merge(field.getName().toLowerCase(Locale.ROOT), field.getValue(), (a, b) -> a + ", " + b);
        }
        return out;
    }
}
