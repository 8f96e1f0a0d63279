package io.uniapi.ops;

import com.codahale.metrics.health.HealthCheck;
import io.uniapi.config.ConfigHolder;
import io.uniapi.config.ReloadStatus;

/** Unhealthy while the latest edit of {@code api.yaml} was rejected (the previous version keeps serving). */
public final class ConfigHealthCheck extends HealthCheck {
    private final ConfigHolder holder;

    public ConfigHealthCheck(ConfigHolder holder) {
        this.holder = holder;
    }

    @Override
    protected Result check() {
        ReloadStatus status = holder.status();
        return (status.ok() ? Result.builder().healthy() : Result.builder().unhealthy())
                .withMessage(status.message())
                .withDetail("version", status.version())
                .withDetail("source", holder.source().name())
                .withDetail("at", status.at().toString())
                .withDetail("trigger", status.trigger())
                .build();
    }
}
