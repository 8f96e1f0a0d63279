package io.uniapi.ops;

import io.uniapi.config.Snapshot;
import io.uniapi.telemetry.AttemptRecord;
import io.uniapi.telemetry.GatewayListener;
import io.uniapi.telemetry.RequestRecord;
import io.uniapi.telemetry.TokenUsage;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static io.uniapi.ops.LabelledMetrics.Kind.COUNTER;
import static io.uniapi.ops.LabelledMetrics.Kind.SUMMARY;

/**
 * Traffic metrics per channel, model and client role, for dashboards (Prometheus names below; the admin
 * {@code /metrics} JSON shows the same series as {@code uniapi.client.requests{channel=…,model=…,role=…}}).
 * Labels never carry a key: {@code role} is the configured role or {@code none}; {@code model} is an alias of the
 * config or {@code other} (clients can send any name); {@code channel} is a provider name or {@code none}.
 */
public final class TrafficMetrics implements GatewayListener {
    static final LabelledMetrics.Family REQUESTS = new LabelledMetrics.Family("uniapi_client_requests",
            "Client requests by the channel that answered, model, role and status class.", COUNTER,
            List.of("channel", "model", "role", "status_class"));
    static final LabelledMetrics.Family ERRORS = new LabelledMetrics.Family("uniapi_client_errors",
            "Client requests that ended in an error, by error category.", COUNTER,
            List.of("channel", "model", "role", "category"));
    static final LabelledMetrics.Family DURATION = new LabelledMetrics.Family("uniapi_client_request_seconds",
            "Total time of client requests (to the last byte of the answer).", SUMMARY,
            List.of("channel", "model", "role"));
    static final LabelledMetrics.Family TIME_TO_FIRST_TOKEN = new LabelledMetrics.Family(
            "uniapi_client_time_to_first_token_seconds",
            "Time until the first content reached the client (the whole answer, when not streamed).", SUMMARY,
            List.of("channel", "model", "role"));
    static final LabelledMetrics.Family TOKENS = new LabelledMetrics.Family("uniapi_client_tokens",
            "Tokens as reported by upstream usage, by kind (prompt or completion).", COUNTER,
            List.of("channel", "model", "role", "kind"));
    static final LabelledMetrics.Family ATTEMPTS = new LabelledMetrics.Family("uniapi_upstream_attempts",
            "Upstream attempts by outcome (success, or the failure class).", COUNTER,
            List.of("channel", "model", "outcome"));
    static final LabelledMetrics.Family ATTEMPT_DURATION = new LabelledMetrics.Family("uniapi_upstream_attempt_seconds",
            "Duration of upstream attempts.", SUMMARY, List.of("channel", "model"));

    static final List<LabelledMetrics.Family> FAMILIES = List.of(REQUESTS, ERRORS, DURATION, TIME_TO_FIRST_TOKEN,
            TOKENS, ATTEMPTS, ATTEMPT_DURATION);

    private final LabelledMetrics metrics;
    private final Supplier<Snapshot> snapshots;

    public TrafficMetrics(LabelledMetrics metrics, Supplier<Snapshot> snapshots) {
        this.metrics = metrics;
        this.snapshots = snapshots;
        FAMILIES.forEach(metrics::declare);
    }

    @Override
    public void requestFinished(RequestRecord request) {
        String channel = request.channel() == null ? "none" : request.channel();
        String model = modelLabel(request.model());
        String role = request.role() == null || request.role().isBlank() ? "none" : request.role();
        metrics.meter(REQUESTS, channel, model, role, (request.status() / 100) + "xx").mark();
        if (request.errorCategory() != null) {
            metrics.meter(ERRORS, channel, model, role, request.errorCategory()).mark();
        }
        metrics.timer(DURATION, channel, model, role).update(request.total().toNanos(), TimeUnit.NANOSECONDS);
        if (request.timeToFirstByte() != null) {
            metrics.timer(TIME_TO_FIRST_TOKEN, channel, model, role)
                    .update(request.timeToFirstByte().toNanos(), TimeUnit.NANOSECONDS);
        }
        TokenUsage usage = request.usage();
        if (usage.promptTokens() > 0) {
            metrics.meter(TOKENS, channel, model, role, "prompt").mark(usage.promptTokens());
        }
        if (usage.completionTokens() > 0) {
            metrics.meter(TOKENS, channel, model, role, "completion").mark(usage.completionTokens());
        }
    }

    @Override
    public void attemptFinished(AttemptRecord attempt) {
        String model = attempt.alias() == null ? "other" : attempt.alias();
        metrics.meter(ATTEMPTS, attempt.channel(), model, attempt.success() ? "success" : attempt.failure()).mark();
        metrics.timer(ATTEMPT_DURATION, attempt.channel(), model)
                .update(attempt.latency().toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Only names the config knows become label values; anything a client invents is {@code other}. */
    private String modelLabel(String model) {
        if (model == null) {
            return "other";
        }
        return snapshots.get().channelsOffering(model).isEmpty() ? "other" : model;
    }
}
