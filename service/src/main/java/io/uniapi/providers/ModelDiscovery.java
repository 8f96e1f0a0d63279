package io.uniapi.providers;

import io.dropwizard.lifecycle.Managed;
import io.uniapi.config.Channel;
import io.uniapi.config.ConfigHolder;
import io.uniapi.config.Snapshot;
import io.uniapi.errors.SecretRedactor;
import io.uniapi.http.TransportException;
import io.uniapi.http.UpstreamHttp;
import io.uniapi.http.UpstreamRequest;
import io.uniapi.http.UpstreamResponse;
import io.uniapi.state.DiscoveredModels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Fetches the model list of every provider that declares none, in the background: start-up never waits for it, a
 * failing upstream is retried with growing delays, and every config reload fetches again. A success recompiles the
 * snapshot so that the models become routable.
 */
public final class ModelDiscovery implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(ModelDiscovery.class);
    /** A bound on paged lists (Gemini's), so that a misbehaving upstream cannot keep discovery busy forever. */
    private static final int MAX_PAGES = 20;

    /**
     * @param firstRetry how long after a failed fetch the next one starts; the delay doubles with each failure
     * @param maxRetry   the longest delay between two fetches of a failing provider
     * @param timeout    how long one fetch may stay silent
     */
    public record Delays(Duration firstRetry, Duration maxRetry, Duration timeout) {
    }

    private final ConfigHolder holder;
    private final EngineRegistry engines;
    private final UpstreamHttp http;
    private final DiscoveredModels store;
    private final Delays delays;
    private final Map<String, ScheduledFuture<?>> scheduled = new ConcurrentHashMap<>();
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "model-discovery");
        thread.setDaemon(true);
        return thread;
    });

    public ModelDiscovery(ConfigHolder holder, EngineRegistry engines, UpstreamHttp http, DiscoveredModels store,
                          Delays delays) {
        this.holder = holder;
        this.engines = engines;
        this.http = http;
        this.store = store;
        this.delays = delays;
    }

    @Override
    public void start() {
        holder.onReload(this::refreshAll);
        refreshAll(holder.current());
    }

    @Override
    public void stop() {
        executor.shutdownNow();
    }

    private void refreshAll(Snapshot snapshot) {
        for (Channel channel : snapshot.channels()) {
            if (channel.config().discoversModels()) {
                schedule(channel.name(), Duration.ZERO, delays.firstRetry());
            }
        }
    }

    private void schedule(String provider, Duration delay, Duration nextRetry) {
        ScheduledFuture<?> previous = scheduled.put(provider, executor.schedule(() -> fetch(provider, nextRetry),
                delay.toMillis(), TimeUnit.MILLISECONDS));
        if (previous != null) {
            previous.cancel(false);
        }
    }

    private void fetch(String provider, Duration nextRetry) {
        Optional<Channel> channel = holder.current().channel(provider).filter(c -> c.config().discoversModels());
        if (channel.isEmpty()) {
            return;
        }
        List<String> secrets = channel.get().config().apiKeys();
        try {
            ProviderEngine engine = engines.discoveryEngine(channel.get().config()).orElseThrow(
                    () -> new IllegalStateException("its wire format is not supported by this version"));
            UpstreamRequest request = engine.modelsRequest(channel.get()).orElseThrow(
                    () -> new IllegalStateException("its wire format has no model list; declare 'model:' instead"));
            List<String> models = new ArrayList<>();
            for (int page = 0; page < MAX_PAGES && request != null; page++) {
                UpstreamResponse response = http.exchange(request, delays.timeout());
                if (!response.successful()) {
                    throw new IllegalStateException("HTTP " + response.status() + ": "
                            + engine.error(response.status(), response.body()).message());
                }
                models.addAll(engine.models(response.body()));
                request = engine.nextModelsRequest(channel.get(), response.body()).orElse(null);
            }
            LOG.info("Provider '{}': discovered {} models", provider, models.size());
            if (store.put(provider, models)) {
                holder.recompile("models discovered for provider '" + provider + "'");
            }
            scheduled.remove(provider);
        } catch (TransportException | UpstreamAnswerException | RuntimeException e) {
            LOG.warn("Provider '{}': model discovery failed ({}); retrying in {} ms", provider,
                    SecretRedactor.redact(e.getMessage(), secrets), nextRetry.toMillis());
            Duration doubled = nextRetry.multipliedBy(2);
            Duration after = doubled.compareTo(delays.maxRetry()) > 0 ? delays.maxRetry() : doubled;
            schedule(provider, nextRetry, after);
        }
    }
}
