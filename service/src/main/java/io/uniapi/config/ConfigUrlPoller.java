package io.uniapi.config;

import io.dropwizard.lifecycle.Managed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/** Re-fetches {@code CONFIG_URL} periodically; the holder swaps only when the content changed and is valid. */
public final class ConfigUrlPoller implements Managed {
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);
    static final Duration SHORTEST_INTERVAL = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(ConfigUrlPoller.class);

    private final ConfigHolder holder;
    private final Duration interval;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "config-url-poll");
        thread.setDaemon(true);
        return thread;
    });

    public ConfigUrlPoller(ConfigHolder holder, Duration interval) {
        this.holder = holder;
        this.interval = interval;
    }

    /** {@code CONFIG_URL_REFRESH_SECONDS} (whole seconds, at least 1), else every 60 seconds. */
    public static Duration refreshInterval(UnaryOperator<String> environment) {
        String seconds = environment.apply("CONFIG_URL_REFRESH_SECONDS");
        if (seconds == null || seconds.isBlank()) {
            return DEFAULT_INTERVAL;
        }
        try {
            Duration wanted = Duration.ofSeconds(Long.parseLong(seconds.trim()));
            return wanted.compareTo(SHORTEST_INTERVAL) < 0 ? SHORTEST_INTERVAL : wanted;
        } catch (NumberFormatException e) {
            LOG.warn("CONFIG_URL_REFRESH_SECONDS={} is not a whole number of seconds; using {} s", seconds,
                    DEFAULT_INTERVAL.toSeconds());
            return DEFAULT_INTERVAL;
        }
    }

    @Override
    public void start() {
        scheduler.scheduleWithFixedDelay(this::refresh, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("Re-fetching {} every {} s", holder.source().name(), interval.toSeconds());
    }

    /** A periodic task that throws is never run again: whatever happens, the next refresh must still come. */
    private void refresh() {
        try {
            holder.reload("CONFIG_URL refresh", false);
        } catch (RuntimeException e) {
            LOG.error("CONFIG_URL refresh failed unexpectedly", e);
        }
    }

    @Override
    public void stop() {
        scheduler.shutdownNow();
    }
}
