package io.uniapi.config;

import io.dropwizard.lifecycle.Managed;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Re-fetches {@code CONFIG_URL} periodically; the holder swaps only when the content changed and is valid. */
public final class ConfigUrlPoller implements Managed {
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

    @Override
    public void start() {
        scheduler.scheduleWithFixedDelay(() -> holder.reload("CONFIG_URL refresh", false),
                interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        scheduler.shutdownNow();
    }
}
