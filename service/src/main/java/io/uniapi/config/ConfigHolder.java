package io.uniapi.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Holds the current {@link Snapshot} and replaces it. A load reads, parses, validates and compiles a complete new
 * snapshot off the request path, then publishes it with one reference swap; if any step fails the previous
 * snapshot keeps serving, the reason is logged once, and {@link #status()} turns unhealthy until a good version
 * is loaded. Loads are serialised; reads ({@link #current()}) are one volatile read.
 */
public final class ConfigHolder {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigHolder.class);
    /** Editors that truncate then write produce a brief empty file; only an emptiness that lasts is an error. */
    private static final Duration EMPTY_FILE_GRACE = Duration.ofSeconds(2);

    private final ConfigSource source;
    private final ConfigLoader loader;
    private final SnapshotCompiler compiler = new SnapshotCompiler();
    private final Function<String, List<String>> discoveredModels;
    private final Clock clock;
    private final AtomicReference<Snapshot> current = new AtomicReference<>();
    private final List<Consumer<Snapshot>> reloadListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<ReloadStatus>> statusListeners = new CopyOnWriteArrayList<>();
    private volatile ReloadStatus status;
    private String lastSeenHash;
    private ObjectNode runningFrameworkSections;
    private Map<String, ConfigProblem> runningTolerated = Map.of();
    private Instant emptySince;

    public ConfigHolder(ConfigSource source, ConfigLoader loader, Function<String, List<String>> discoveredModels) {
        this(source, loader, discoveredModels, Clock.systemUTC());
    }

    ConfigHolder(ConfigSource source, ConfigLoader loader, Function<String, List<String>> discoveredModels, Clock clock) {
        this.source = source;
        this.loader = loader;
        this.discoveredModels = discoveredModels;
        this.clock = clock;
    }

    /** The snapshot to use for one request. Never null after {@link #loadInitial()}. */
    public Snapshot current() {
        return current.get();
    }

    public ReloadStatus status() {
        return status;
    }

    public ConfigSource source() {
        return source;
    }

    /** Called after each config load that changed the snapshot (not after discovery-only recompiles). */
    public void onReload(Consumer<Snapshot> listener) {
        reloadListeners.add(listener);
    }

    /** Called after every load attempt, successful or not. */
    public void onStatus(Consumer<ReloadStatus> listener) {
        statusListeners.add(listener);
    }

    /** Start-up: there is no previous config to fall back on, so a bad one stops the service with its reasons. */
    public synchronized Snapshot loadInitial() throws ConfigException, IOException {
        String text = source.read();
        GatewayConfigParser.Parsed parsed = loader.load(text);
        Snapshot snapshot = compiler.compile(parsed.config(), discoveredModels, 1, source.name());
        Map<String, ConfigProblem> tolerated = TolerableProblems.find(parsed.config());
        logWarnings(parsed, tolerated);
        lastSeenHash = hash(text);
        runningFrameworkSections = parsed.config().frameworkSections();
        runningTolerated = tolerated;
        current.set(snapshot);
        publishStatus(new ReloadStatus(true, "loaded " + describe(snapshot), clock.instant(), 1, "start-up"));
        LOG.info("Config loaded from {}: {}", source.name(), describe(snapshot));
        return snapshot;
    }

    /**
     * Re-reads the source and swaps in the new snapshot if it differs and is valid.
     *
     * @param force load even if the content is unchanged (the admin reload task)
     */
    public synchronized ReloadStatus reload(String trigger, boolean force) {
        String text;
        try {
            text = source.read();
        } catch (IOException e) {
            return fail(trigger, "cannot read " + source.name() + ": " + e.getMessage(), null);
        }
        if (text.isBlank() && !force && !emptyForLong()) {
            return status;
        }
        emptySince = null;
        String hash = hash(text);
        if (!force && hash.equals(lastSeenHash)) {
            return status;
        }
        lastSeenHash = hash;
        try {
            GatewayConfigParser.Parsed parsed = loader.load(text);
            Snapshot previous = current.get();
            Snapshot next = compiler.compile(parsed.config(), discoveredModels, previous.version() + 1, source.name());
            Map<String, ConfigProblem> tolerated = TolerableProblems.find(parsed.config());
            rejectIntroduced(tolerated);
            logWarnings(parsed, tolerated);
            warnAboutRestart(runningFrameworkSections, next.config().frameworkSections());
            runningTolerated = tolerated;
            current.set(next);
            LOG.info("Config reloaded from {} ({}): {}", source.name(), trigger, describe(next));
            ReloadStatus ok = new ReloadStatus(true, "reloaded " + describe(next), clock.instant(), next.version(), trigger);
            publishStatus(ok);
            reloadListeners.forEach(listener -> listener.accept(next));
            return ok;
        } catch (ConfigException e) {
            return fail(trigger, e.getMessage(), e);
        } catch (RuntimeException e) {
            LOG.error("Unexpected failure while compiling the config; keeping the previous one", e);
            return fail(trigger, "internal error while compiling: " + e, null);
        }
    }

    /** Rebuilds the snapshot from the current config, e.g. when a provider's discovered model list arrives. */
    public synchronized void recompile(String reason) {
        Snapshot previous = current.get();
        try {
            Snapshot next = compiler.compile(previous.config(), discoveredModels, previous.version() + 1, previous.source());
            current.set(next);
            LOG.info("Config recompiled ({}): {}", reason, describe(next));
        } catch (ConfigException e) {
            LOG.error("Cannot recompile the config after {}: {}", reason, e.getMessage());
        }
    }

    private boolean emptyForLong() {
        Instant now = clock.instant();
        if (emptySince == null) {
            emptySince = now;
        }
        return Duration.between(emptySince, now).compareTo(EMPTY_FILE_GRACE) >= 0;
    }

    private ReloadStatus fail(String trigger, String reason, ConfigException cause) {
        Snapshot serving = current.get();
        String message = "config " + source.name() + " rejected, still serving version " + serving.version() + ": " + reason;
        LOG.error(message);
        ReloadStatus failed = new ReloadStatus(false, message, clock.instant(), serving.version(), trigger);
        publishStatus(failed);
        return failed;
    }

    private void publishStatus(ReloadStatus next) {
        status = next;
        statusListeners.forEach(listener -> listener.accept(next));
    }

    /**
     * A problem uni-api tolerates (see {@link TolerableProblems}) is only a warning at start-up, but a reload that
     * introduces one is almost always an edit saved half-way (a provider renamed, its rules not yet): keep serving
     * the version that works until the file is consistent again.
     */
    private void rejectIntroduced(Map<String, ConfigProblem> tolerated) throws ConfigException {
        List<ConfigProblem> introduced = tolerated.entrySet().stream()
                .filter(problem -> !runningTolerated.containsKey(problem.getKey()))
                .map(problem -> new ConfigProblem(problem.getValue().path(), problem.getValue().reason()
                        + " [a live reload does not accept a new problem of this kind; fix it, or restart to accept it]"))
                .toList();
        if (!introduced.isEmpty()) {
            throw new ConfigException(introduced);
        }
    }

    private static void logWarnings(GatewayConfigParser.Parsed parsed, Map<String, ConfigProblem> tolerated) {
        parsed.warnings().forEach(warning -> LOG.warn("api.yaml {}", warning));
        tolerated.values().forEach(problem -> LOG.warn("api.yaml {}", problem));
    }

    private static void warnAboutRestart(ObjectNode before, ObjectNode after) {
        Set<String> changed = new TreeSet<>();
        before.fieldNames().forEachRemaining(name -> {
            if (!before.get(name).equals(after.get(name))) {
                changed.add(name);
            }
        });
        after.fieldNames().forEachRemaining(name -> {
            if (!before.has(name)) {
                changed.add(name);
            }
        });
        if (!changed.isEmpty()) {
            LOG.warn("api.yaml: changes to {} need a restart to take effect; the running values stay until then", changed);
        }
    }

    private static String describe(Snapshot snapshot) {
        return "version " + snapshot.version() + ", " + snapshot.channels().size() + " providers, "
                + snapshot.clientKeys().all().size() + " client keys";
    }

    private static String hash(String text) {
        try {
            return java.util.HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
