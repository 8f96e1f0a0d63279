package io.uniapi.testing;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process HTTP server standing in for an LLM provider. Each route is answered by a {@link Responder} that
 * writes the answer as the real provider would (JSON, or SSE flushed event by event), and can misbehave on purpose
 * (stall, cut the connection). Every request is recorded.
 *
 * <p>On a static field with {@code @RegisterExtension}, it is {@linkplain #reset() reset} before each test (its routes
 * stay) and closed after the test class.
 */
public final class FakeUpstream implements AutoCloseable, BeforeEachCallback, AfterAllCallback {

    /** Writes one answer. */
    @FunctionalInterface
    public interface Responder {
        void respond(RecordedRequest request, Exchange exchange) throws Exception;
    }

    private final Server server;
    private final ServerConnector connector;
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Responder> routes = new ConcurrentHashMap<>();
    private final AtomicInteger brokenWrites = new AtomicInteger();

    private FakeUpstream() {
        QueuedThreadPool threads = new QueuedThreadPool(256, 8);
        threads.setName("fake-upstream");
        threads.setDaemon(true);
        server = new Server(threads);
        connector = new ServerConnector(server);
        connector.setPort(0);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                serve(request, response, callback);
                return true;
            }
        });
    }

    public static FakeUpstream start() {
        FakeUpstream upstream = new FakeUpstream();
        try {
            upstream.server.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return upstream;
    }

    /** Answers {@code METHOD path} (e.g. {@code "POST /v1/chat/completions"}) with {@code responder} from now on. */
    public FakeUpstream on(String methodAndPath, Responder responder) {
        routes.put(methodAndPath, responder);
        return this;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + connector.getLocalPort();
    }

    public String url(String path) {
        return baseUrl() + path;
    }

    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public List<RecordedRequest> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    public RecordedRequest lastRequest() {
        if (requests.isEmpty()) {
            throw new AssertionError("the fake upstream received no request");
        }
        return requests.get(requests.size() - 1);
    }

    /** Forgets the recorded requests and broken writes; the routes stay. */
    public void reset() {
        requests.clear();
        brokenWrites.set(0);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        reset();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        close();
    }

    /** How many answers could not be written because the gateway had closed the connection. */
    public int brokenWrites() {
        return brokenWrites.get();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    private void serve(Request request, Response response, Callback callback) throws Exception {
        Map<String, String> headers = new HashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.merge(field.getName().toLowerCase(), field.getValue(), (a, b) -> a + ", " + b);
        }
        String body = Content.Source.asString(request, StandardCharsets.UTF_8);
        RecordedRequest recorded = new RecordedRequest(request.getMethod(), request.getHttpURI().getPath(),
                request.getHttpURI().getQuery(), Map.copyOf(headers), body);
        requests.add(recorded);
        Responder responder = routes.get(request.getMethod() + " " + recorded.path());
        Exchange exchange = new Exchange(request, response);
        try {
            if (responder == null) {
                exchange.json(404, "{\"error\":{\"message\":\"no fake route for " + recorded.path() + "\",\"type\":\"invalid_request_error\"}}");
            } else {
                responder.respond(recorded, exchange);
            }
            if (exchange.cut) {
                callback.failed(new IOException("connection cut on purpose"));
            } else {
                exchange.finish();
                callback.succeeded();
            }
        } catch (IOException e) {
            brokenWrites.incrementAndGet();
            callback.failed(e);
        }
    }

    /** The answer being written. */
    public static final class Exchange {
        private final Request request;
        private final Response response;
        private boolean committed;
        private boolean ended;
        private boolean cut;

        private Exchange(Request request, Response response) {
            this.request = request;
            this.response = response;
        }

        public void json(int status, String json) throws IOException {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            write(json, true);
        }

        public void text(int status, String contentType, String text) throws IOException {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
            write(text, true);
        }

        /** A binary answer (e.g. an image). */
        public void bytes(int status, String contentType, byte[] body) throws IOException {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
            committed = true;
            ended = true;
            try (Blocker.Callback callback = Blocker.callback()) {
                response.write(true, java.nio.ByteBuffer.wrap(body), callback);
                callback.block();
            }
        }

        public Exchange header(String name, String value) {
            response.getHeaders().put(name, value);
            return this;
        }

        /** Starts a 200 {@code text/event-stream} answer; follow with {@link #event}. */
        public void startSse() throws IOException {
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream");
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
            write("", false);
        }

        /** One {@code data:} event, flushed at once. */
        public void event(String data) throws IOException {
            write("data: " + data + "\n\n", false);
        }

        /** Raw bytes of the stream, flushed at once (for framing tests). */
        public void raw(String text) throws IOException {
            write(text, false);
        }

        public void pause(long millis) throws InterruptedException {
            Thread.sleep(millis);
        }

        /** Drops the TCP connection without finishing the answer. */
        public void cut() {
            cut = true;
            request.getConnectionMetaData().getConnection().getEndPoint().close();
        }

        private void write(String text, boolean last) throws IOException {
            committed = true;
            ended = last;
            try (Blocker.Callback callback = Blocker.callback()) {
                response.write(last, BufferUtil.toBuffer(text.getBytes(StandardCharsets.UTF_8)), callback);
                callback.block();
            }
        }

        private void finish() throws IOException {
            if (ended) {
                return;
            }
            if (!committed) {
                response.setStatus(204);
            }
            try (Blocker.Callback callback = Blocker.callback()) {
                response.write(true, BufferUtil.EMPTY_BUFFER, callback);
                callback.block();
            }
        }
    }
}
