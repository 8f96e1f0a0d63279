package io.uniapi;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import io.uniapi.http.UpstreamHttp;
import io.uniapi.images.ImageInliner;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The optional {@code upstream_http:} section: tuning of the client that calls upstream providers. Per-attempt
 * timeouts are not here: they come from uni-api's {@code model_timeout} and {@code TIMEOUT}.
 */
public class UpstreamHttpFactory {
    @NotNull
    private Duration connectTimeout = Duration.seconds(10);

    @Min(1)
    private int maxConnectionsPerHost = 2048;

    @NotNull
    private DataSize maxResponseSize = DataSize.mebibytes(64);

    /** Deadline for fetching an image a client linked to by URL (408 when over). */
    @NotNull
    private Duration imageFetchTimeout = Duration.seconds(30);

    /** Largest image fetched from a URL a client linked to. */
    @NotNull
    private DataSize maxImageSize = DataSize.mebibytes(20);

    @JsonProperty
    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    @JsonProperty
    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    @JsonProperty
    public int getMaxConnectionsPerHost() {
        return maxConnectionsPerHost;
    }

    @JsonProperty
    public void setMaxConnectionsPerHost(int maxConnectionsPerHost) {
        this.maxConnectionsPerHost = maxConnectionsPerHost;
    }

    @JsonProperty
    public DataSize getMaxResponseSize() {
        return maxResponseSize;
    }

    @JsonProperty
    public void setMaxResponseSize(DataSize maxResponseSize) {
        this.maxResponseSize = maxResponseSize;
    }

    @JsonProperty
    public Duration getImageFetchTimeout() {
        return imageFetchTimeout;
    }

    @JsonProperty
    public void setImageFetchTimeout(Duration imageFetchTimeout) {
        this.imageFetchTimeout = imageFetchTimeout;
    }

    @JsonProperty
    public DataSize getMaxImageSize() {
        return maxImageSize;
    }

    @JsonProperty
    public void setMaxImageSize(DataSize maxImageSize) {
        this.maxImageSize = maxImageSize;
    }

    public ImageInliner imageInliner(UpstreamHttp http) {
        return new ImageInliner(http, java.time.Duration.ofMillis(imageFetchTimeout.toMilliseconds()),
                (int) Math.min(Integer.MAX_VALUE - 8, maxImageSize.toBytes()));
    }

    public UpstreamHttp build(String userAgent) {
        return new UpstreamHttp(new UpstreamHttp.Settings(java.time.Duration.ofMillis(connectTimeout.toMilliseconds()),
                maxConnectionsPerHost, maxResponseSize.toBytes(), userAgent));
    }
}
