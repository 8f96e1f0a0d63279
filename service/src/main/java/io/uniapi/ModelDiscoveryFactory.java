package io.uniapi;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.uniapi.config.ConfigHolder;
import io.uniapi.http.UpstreamHttp;
import io.uniapi.providers.EngineRegistry;
import io.uniapi.providers.ModelDiscovery;
import io.uniapi.state.DiscoveredModels;
import jakarta.validation.constraints.NotNull;

/**
 * The optional {@code model_discovery:} section: how providers without {@code model:} get their list from the
 * upstream. A failed fetch is retried after {@code firstRetryDelay}, then after twice as long each time, up to
 * {@code maxRetryDelay}; a config reload fetches again at once.
 */
public class ModelDiscoveryFactory {
    @NotNull
    private Duration firstRetryDelay = Duration.seconds(15);

    @NotNull
    private Duration maxRetryDelay = Duration.minutes(10);

    @NotNull
    private Duration timeout = Duration.seconds(20);

    @JsonProperty
    public Duration getFirstRetryDelay() {
        return firstRetryDelay;
    }

    @JsonProperty
    public void setFirstRetryDelay(Duration firstRetryDelay) {
        this.firstRetryDelay = firstRetryDelay;
    }

    @JsonProperty
    public Duration getMaxRetryDelay() {
        return maxRetryDelay;
    }

    @JsonProperty
    public void setMaxRetryDelay(Duration maxRetryDelay) {
        this.maxRetryDelay = maxRetryDelay;
    }

    @JsonProperty
    public Duration getTimeout() {
        return timeout;
    }

    @JsonProperty
    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    public ModelDiscovery build(ConfigHolder holder, EngineRegistry engines, UpstreamHttp http, DiscoveredModels store) {
        return new ModelDiscovery(holder, engines, http, store, new ModelDiscovery.Delays(java(firstRetryDelay),
                java(maxRetryDelay), java(timeout)));
    }

    private static java.time.Duration java(Duration duration) {
        return java.time.Duration.ofMillis(Math.max(1, duration.toMilliseconds()));
    }
}
