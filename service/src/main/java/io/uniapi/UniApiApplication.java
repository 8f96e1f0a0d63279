package io.uniapi;

import io.dropwizard.core.Application;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.migrations.MigrationsBundle;
import io.uniapi.api.ApiKeysResource;
import io.uniapi.api.ChatCompletionsResource;
import io.uniapi.api.ClientKeyFilter;
import io.uniapi.api.GlobalRateLimitFilter;
import io.uniapi.api.CreditsFilter;
import io.uniapi.api.HealthzResource;
import io.uniapi.api.ModelsResource;
import io.uniapi.api.OpenAiErrorMapper;
import io.uniapi.api.RequestIdFilter;
import io.uniapi.api.StatsResource;
import io.uniapi.api.TokenUsageResource;
import io.uniapi.config.ConfigException;
import io.uniapi.config.ConfigFileWatcher;
import io.uniapi.config.ConfigHolder;
import io.uniapi.config.ConfigLoader;
import io.uniapi.config.ConfigSource;
import io.uniapi.config.ConfigSources;
import io.uniapi.config.ConfigUrlPoller;
import io.uniapi.config.EnvExpander;
import io.uniapi.config.FileConfigSource;
import io.uniapi.dispatch.AttemptTimeouts;
import io.uniapi.dispatch.DispatchState;
import io.uniapi.dispatch.Dispatcher;
import io.uniapi.http.UpstreamHttp;
import io.uniapi.limits.LocalRateLimiter;
import io.uniapi.limits.RateLimiter;
import io.uniapi.ops.ConfigHealthCheck;
import io.uniapi.ops.GatewayMetrics;
import io.uniapi.ops.ReloadConfigTask;
import io.uniapi.providers.BuiltInEngines;
import io.uniapi.providers.EngineRegistry;
import io.uniapi.routing.RoutePlanner;
import io.uniapi.routing.Router;
import io.uniapi.routing.Scheduling;
import io.uniapi.state.Cooldowns;
import io.uniapi.state.DiscoveredModels;
import io.uniapi.state.KeyCursors;
import io.uniapi.state.RoundRobinCounters;
import io.uniapi.state.RouteCircuit;
import io.uniapi.stats.SchemaMigrator;
import io.uniapi.stats.StatsDatabase;
import io.uniapi.telemetry.GatewayListener;
import org.glassfish.jersey.server.ServerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** uni-api: one OpenAI-compatible endpoint in front of many LLM providers. {@link #run} only wires things together. */
public final class UniApiApplication extends Application<UniApiConfiguration> {
    private static final Logger LOG = LoggerFactory.getLogger(UniApiApplication.class);

    private final UnaryOperator<String> environmentVariables;
    /** Time for cooldowns, circuits and rate-limit windows; tests pass a clock they move by hand. */
    private final Clock clock;

    public UniApiApplication() {
        this(System::getenv, Clock.systemUTC());
    }

    /** @param environmentVariables what the service reads as its environment ({@code CONFIG_URL}, {@code ${VAR}}s, …) */
    public UniApiApplication(UnaryOperator<String> environmentVariables) {
        this(environmentVariables, Clock.systemUTC());
    }

    public UniApiApplication(Clock clock) {
        this(System::getenv, clock);
    }

    public UniApiApplication(UnaryOperator<String> environmentVariables, Clock clock) {
        this.environmentVariables = environmentVariables;
        this.clock = clock;
    }

    public static void main(String[] args) throws Exception {
        new UniApiApplication().run(args);
    }

    @Override
    public String getName() {
        return "uni-api";
    }

    @Override
    public void initialize(Bootstrap<UniApiConfiguration> bootstrap) {
        bootstrap.setConfigurationFactoryFactory((klass, validator, mapper, prefix) ->
                new UniApiConfigurationFactory<>(klass, validator, mapper, prefix, environmentVariables));
        SchemaMigrator.disableLiquibaseAnalytics();
        bootstrap.addBundle(new MigrationsBundle<UniApiConfiguration>() {
            @Override
            public DataSourceFactory getDataSourceFactory(UniApiConfiguration configuration) {
                return StatsDatabase.configured(configuration.getDatabase(), environmentVariables);
            }

            @Override
            public String getMigrationsFileName() {
                return SchemaMigrator.CHANGELOG;
            }
        });
    }

    @Override
    public void run(UniApiConfiguration configuration, Environment environment) throws IOException {
        tuneServer(configuration);
        String version = version();

        DiscoveredModels discovered = new DiscoveredModels();
        ConfigSource source = ConfigSources.resolve(configuration.getConfigPath(), environmentVariables);
        ConfigHolder holder = new ConfigHolder(source, new ConfigLoader(new EnvExpander(environmentVariables)), discovered::get);
        loadInitialConfig(holder);

        UpstreamHttp http = configuration.getUpstreamHttp().build("uni-api-java/" + version);
        environment.lifecycle().manage(http);
        EngineRegistry engines = BuiltInEngines.registry(http::exchange);

        GatewayMetrics metrics = new GatewayMetrics(environment.metrics());
        holder.onStatus(metrics::configLoaded);
        StatisticsSetup statistics = StatisticsSetup.wire(configuration, environment, holder, environmentVariables,
                clock);
        List<GatewayListener> listeners = new ArrayList<>(List.of(metrics));
        listeners.addAll(statistics.listeners());
        GatewayListener listener = GatewayListener.composite(listeners);

        Router router = new Router();
        Cooldowns cooldowns = new Cooldowns(clock);
        metrics.watch(cooldowns);
        RouteCircuit circuit = RouteCircuit.fromEnvironment(clock, environmentVariables);
        RateLimiter limiter = new LocalRateLimiter(clock);
        RoutePlanner planner = new RoutePlanner(router, new Scheduling(new RoundRobinCounters()), cooldowns, circuit);
        Dispatcher dispatcher = new Dispatcher(planner, engines, http, new DispatchState(new KeyCursors(), cooldowns, circuit),
                limiter, AttemptTimeouts.fromEnvironment(environmentVariables));

        environment.jersey().property(ServerProperties.OUTBOUND_CONTENT_LENGTH_BUFFER, 0);
        // Resources validate their own input; WADL and bean validation only cost time on every request.
        environment.jersey().property(ServerProperties.WADL_FEATURE_DISABLE, true);
        environment.jersey().property(ServerProperties.BV_FEATURE_DISABLE, true);
        environment.jersey().register(new RequestIdFilter());
        environment.jersey().register(new ClientKeyFilter(holder));
        environment.jersey().register(new GlobalRateLimitFilter(limiter, listener));
        statistics.credits().ifPresent(ledger -> environment.jersey().register(new CreditsFilter(ledger, listener)));
        environment.jersey().register(new OpenAiErrorMapper(listener));
        environment.jersey().register(new ChatCompletionsResource(dispatcher, listener,
                configuration.getUpstreamHttp().imageInliner(http)));
        environment.jersey().register(new ModelsResource(router));
        environment.jersey().register(new HealthzResource(version));
        environment.jersey().register(new StatsResource(statistics.backend()));
        environment.jersey().register(new TokenUsageResource(statistics.backend()));
        environment.jersey().register(new ApiKeysResource(statistics.backend()));

        if (source instanceof FileConfigSource file) {
            environment.lifecycle().manage(new ConfigFileWatcher(file.path(), holder, Duration.ofMillis(150), Duration.ofSeconds(1)));
        } else {
            environment.lifecycle().manage(new ConfigUrlPoller(holder, ConfigUrlPoller.refreshInterval(environmentVariables)));
        }
        environment.lifecycle().manage(configuration.getModelDiscovery().build(holder, engines, http, discovered));

        environment.healthChecks().register("config", new ConfigHealthCheck(holder));
        environment.admin().addTask(new ReloadConfigTask(holder));
    }

    /** Requests run on virtual threads when the JVM has them (21+); our own error mapper replaces Dropwizard's. */
    private static void tuneServer(UniApiConfiguration configuration) {
        if (configuration.getServerFactory() instanceof AbstractServerFactory server) {
            server.setRegisterDefaultExceptionMappers(false);
            if (Runtime.version().feature() >= 21) {
                server.setEnableVirtualThreads(true);
                LOG.info("Java {}: serving requests on virtual threads", Runtime.version().feature());
            }
        }
    }

    private static void loadInitialConfig(ConfigHolder holder) throws IOException {
        try {
            holder.loadInitial();
        } catch (ConfigException e) {
            throw new IllegalStateException("api.yaml cannot be used: " + e.getMessage());
        }
    }

    private static String version() {
        String version = UniApiApplication.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
