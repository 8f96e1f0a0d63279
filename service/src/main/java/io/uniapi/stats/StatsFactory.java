package io.uniapi.stats;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The optional {@code stats:} section of {@code api.yaml}: how statistics are persisted. The database itself is
 * the {@code database:} section (see {@link StatsDatabase}); every value here has a default.
 */
public class StatsFactory {
    private boolean enabled = true;

    @Min(16)
    private int queueCapacity = 100_000;

    @Min(1)
    @Max(10_000)
    private int batchSize = 500;

    @NotNull
    private Duration flushInterval = Duration.milliseconds(200);

    @NotNull
    private Duration retryBackoff = Duration.seconds(1);

    @NotNull
    private Duration maxRetryBackoff = Duration.seconds(30);

    @NotNull
    private Duration shutdownTimeout = Duration.seconds(10);

    private boolean migrateOnStart = true;

    @NotNull
    private Duration creditsRefreshInterval = Duration.seconds(60);

    @DecimalMin("0.01")
    @DecimalMax("1.0")
    private double backlogUnhealthyRatio = 0.5;

    @NotNull
    private Duration droppedUnhealthyFor = Duration.minutes(5);

    /** False turns persistence off, like the environment variable {@code DISABLE_DATABASE=true}. */
    @JsonProperty
    public boolean isEnabled() {
        return enabled;
    }

    @JsonProperty
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** Records waiting for the database; beyond this they are dropped (and counted). */
    @JsonProperty
    public int getQueueCapacity() {
        return queueCapacity;
    }

    @JsonProperty
    public void setQueueCapacity(int queueCapacity) {
        this.queueCapacity = queueCapacity;
    }

    /** At most this many records per insert transaction. */
    @JsonProperty
    public int getBatchSize() {
        return batchSize;
    }

    @JsonProperty
    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    /** How often the writer takes what has accumulated (a full batch is written at once). */
    @JsonProperty
    public Duration getFlushInterval() {
        return flushInterval;
    }

    @JsonProperty
    public void setFlushInterval(Duration flushInterval) {
        this.flushInterval = flushInterval;
    }

    /** First wait after a failed write; doubles up to {@link #getMaxRetryBackoff()}. */
    @JsonProperty
    public Duration getRetryBackoff() {
        return retryBackoff;
    }

    @JsonProperty
    public void setRetryBackoff(Duration retryBackoff) {
        this.retryBackoff = retryBackoff;
    }

    @JsonProperty
    public Duration getMaxRetryBackoff() {
        return maxRetryBackoff;
    }

    @JsonProperty
    public void setMaxRetryBackoff(Duration maxRetryBackoff) {
        this.maxRetryBackoff = maxRetryBackoff;
    }

    /** How long shutdown waits for queued records to reach the database. */
    @JsonProperty
    public Duration getShutdownTimeout() {
        return shutdownTimeout;
    }

    @JsonProperty
    public void setShutdownTimeout(Duration shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
    }

    /** Apply {@code migrations/} when the service starts (else only {@code db migrate} does). */
    @JsonProperty
    public boolean isMigrateOnStart() {
        return migrateOnStart;
    }

    @JsonProperty
    public void setMigrateOnStart(boolean migrateOnStart) {
        this.migrateOnStart = migrateOnStart;
    }

    /** How often the spend of keys with credits is re-read (it includes what other instances recorded). */
    @JsonProperty
    public Duration getCreditsRefreshInterval() {
        return creditsRefreshInterval;
    }

    @JsonProperty
    public void setCreditsRefreshInterval(Duration creditsRefreshInterval) {
        this.creditsRefreshInterval = creditsRefreshInterval;
    }

    /** The {@code stats-writer} health check fails when the queue is fuller than this fraction. */
    @JsonProperty
    public double getBacklogUnhealthyRatio() {
        return backlogUnhealthyRatio;
    }

    @JsonProperty
    public void setBacklogUnhealthyRatio(double backlogUnhealthyRatio) {
        this.backlogUnhealthyRatio = backlogUnhealthyRatio;
    }

    /** The {@code stats-writer} health check fails for this long after a record was dropped. */
    @JsonProperty
    public Duration getDroppedUnhealthyFor() {
        return droppedUnhealthyFor;
    }

    @JsonProperty
    public void setDroppedUnhealthyFor(Duration droppedUnhealthyFor) {
        this.droppedUnhealthyFor = droppedUnhealthyFor;
    }
}
