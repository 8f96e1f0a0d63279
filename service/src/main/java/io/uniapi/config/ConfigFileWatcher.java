package io.uniapi.config;

import io.dropwizard.lifecycle.Managed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Reloads {@code api.yaml} when it changes. Watches the file's directory rather than the file, because editors
 * replace files by renaming over them and Kubernetes swaps a symlinked directory; every event in the directory
 * schedules one debounced reload, and the holder ignores content it has already seen. A slow poll backs the watch
 * up for file systems that do not deliver events (network mounts, some container bind mounts).
 */
public final class ConfigFileWatcher implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigFileWatcher.class);

    private final Path directory;
    private final ConfigHolder holder;
    private final Duration debounce;
    private final Duration poll;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "config-reload");
        thread.setDaemon(true);
        return thread;
    });
    private WatchService watchService;
    private Thread watchThread;
    private ScheduledFuture<?> pending;

    public ConfigFileWatcher(Path file, ConfigHolder holder, Duration debounce, Duration poll) {
        Path absolute = file.toAbsolutePath();
        this.directory = absolute.getParent();
        this.holder = holder;
        this.debounce = debounce;
        this.poll = poll;
    }

    @Override
    public void start() throws IOException {
        watchService = FileSystems.getDefault().newWatchService();
        directory.register(watchService, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
        watchThread = new Thread(this::watch, "config-watch");
        watchThread.setDaemon(true);
        watchThread.start();
        scheduler.scheduleWithFixedDelay(() -> reload("poll"), poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("Watching {} for config changes", directory);
    }

    @Override
    public void stop() throws IOException {
        scheduler.shutdownNow();
        if (watchService != null) {
            watchService.close();
        }
    }

    private void watch() {
        try {
            while (true) {
                WatchKey key = watchService.take();
                key.pollEvents();
                schedule();
                if (!key.reset()) {
                    LOG.warn("{} can no longer be watched; relying on polling every {}", directory, poll);
                    return;
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void schedule() {
        if (pending != null) {
            pending.cancel(false);
        }
        pending = scheduler.schedule(() -> reload("file change"), debounce.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void reload(String trigger) {
        try {
            holder.reload(trigger, false);
        } catch (RuntimeException e) {
            LOG.error("Config reload failed unexpectedly", e);
        }
    }
}
