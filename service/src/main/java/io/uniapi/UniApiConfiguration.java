package io.uniapi;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.dropwizard.db.DataSourceFactory;
import io.uniapi.stats.StatsDataSourceFactory;
import io.uniapi.stats.StatsFactory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * The Dropwizard view of {@code api.yaml}: only the framework's sections ({@code server}, {@code logging},
 * {@code metrics}, …) and our {@code upstream_http} and {@code model_discovery}. The uni-api sections
 * ({@code providers}, {@code api_keys}, {@code preferences}) are ignored here and loaded by
 * {@code config.ConfigHolder}, which also reloads them live.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public class UniApiConfiguration extends Configuration {
    @Valid
    @NotNull
    private UpstreamHttpFactory upstreamHttp = new UpstreamHttpFactory();

    @Valid
    @NotNull
    private ModelDiscoveryFactory modelDiscovery = new ModelDiscoveryFactory();

    @JsonIgnore
    private String configPath;

    /** Null when absent: then the environment ({@code DB_TYPE}, …) or the embedded H2 default applies. */
    @Valid
    private StatsDataSourceFactory database;

    @Valid
    @NotNull
    private StatsFactory stats = new StatsFactory();

    @JsonProperty("upstream_http")
    public UpstreamHttpFactory getUpstreamHttp() {
        return upstreamHttp;
    }

    @JsonProperty("upstream_http")
    public void setUpstreamHttp(UpstreamHttpFactory upstreamHttp) {
        this.upstreamHttp = upstreamHttp;
    }

    @JsonProperty("model_discovery")
    public ModelDiscoveryFactory getModelDiscovery() {
        return modelDiscovery;
    }

    @JsonProperty("model_discovery")
    public void setModelDiscovery(ModelDiscoveryFactory modelDiscovery) {
        this.modelDiscovery = modelDiscovery;
    }

    /** The {@code database:} section as written, or null; see {@code stats.StatsDatabase} for what is used. */
    @JsonProperty("database")
    public DataSourceFactory getDatabase() {
        return database;
    }

    @JsonProperty("database")
    public void setDatabase(StatsDataSourceFactory database) {
        this.database = database;
    }

    @JsonProperty("stats")
    public StatsFactory getStats() {
        return stats;
    }

    @JsonProperty("stats")
    public void setStats(StatsFactory stats) {
        this.stats = stats;
    }

    /** The file given on the command line, or null when started without one (then {@code CONFIG_URL} applies). */
    @JsonIgnore
    public String getConfigPath() {
        return configPath;
    }

    @JsonIgnore
    void setConfigPath(String configPath) {
        this.configPath = configPath;
    }
}
