package io.uniapi.dispatch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uniapi.config.Fingerprint;
import io.uniapi.errors.SecretRedactor;
import io.uniapi.providers.AttemptTarget;
import io.uniapi.telemetry.AttemptRecord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Reports one attempt to the listener exactly once, and redacts the secrets it involves from any text it relays. */
final class AttemptOutcome {
    private final RequestContext context;
    private final AttemptTarget target;
    private final long startNanos = System.nanoTime();
    private boolean reported;
    private boolean success;
    private int status = 200;
    private String failure;

    AttemptOutcome(RequestContext context, AttemptTarget target) {
        this.context = context;
        this.target = target;
        context.attemptStarted();
    }

    AttemptTarget target() {
        return target;
    }

    /** The attempt produced an answer the client will get. */
    void succeeded() {
        success = true;
        context.answeredBy(target.channel().name());
    }

    /** A stream that had committed broke; reported when the stream closes. */
    void failedAfterCommit(int failedStatus, String message) {
        success = false;
        status = failedStatus;
        failure = "stream_interrupted";
    }

    /** The attempt failed before anything reached the client; reported now. */
    void failed(int failedStatus, String failureClass) {
        success = false;
        status = failedStatus;
        failure = failureClass;
        report();
    }

    void report() {
        if (reported) {
            return;
        }
        reported = true;
        context.listener().attemptFinished(new AttemptRecord(context.requestId(), target.channel().name(),
                target.upstreamModel(), target.alias(), Fingerprint.of(target.apiKey()), success, status,
                success ? null : failure, Duration.ofNanos(System.nanoTime() - startNanos)));
    }

    String redact(String text) {
        return SecretRedactor.redact(text, secrets());
    }

    ObjectNode redact(ObjectNode errorObject) {
        return SecretRedactor.redact(errorObject, secrets());
    }

    private List<String> secrets() {
        List<String> secrets = new ArrayList<>(target.channel().config().apiKeys());
        secrets.add(context.key().config().api());
        return secrets;
    }
}
