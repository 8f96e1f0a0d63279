package io.uniapi.stats;

import io.uniapi.credits.Billing;
import io.uniapi.credits.CreditLedger;
import io.uniapi.credits.Price;
import io.uniapi.telemetry.AttemptRecord;
import io.uniapi.telemetry.GatewayListener;
import io.uniapi.telemetry.RequestRecord;
import io.uniapi.telemetry.TokenUsage;

import java.time.Clock;
import java.util.function.Supplier;

/**
 * Turns the gateway's records into statistics rows and charges keys with credits. Runs on request threads: it
 * prices the request (a prefix lookup), adds its cost to the in-memory ledger, and enqueues. Nothing else.
 *
 * <p>What a request costs is what was observed: the usage the upstream reported, even for a failed or aborted
 * request (an aborted stream often carries no usage, so it costs nothing unless the provider reported prompt tokens
 * early, as Anthropic does).
 */
public final class StatsRecorder implements GatewayListener {
    private final StatsQueue queue;
    private final CreditLedger ledger;
    private final Supplier<Billing> billing;
    private final Clock clock;

    public StatsRecorder(StatsQueue queue, CreditLedger ledger, Supplier<Billing> billing, Clock clock) {
        this.queue = queue;
        this.ledger = ledger;
        this.billing = billing;
        this.clock = clock;
    }

    @Override
    public void requestFinished(RequestRecord request) {
        Billing current = billing.get();
        Price price = current.price(request.model());
        TokenUsage usage = request.usage();
        double charge = 0;
        if (current.limit(request.keyFingerprint()).isPresent()) {
            charge = price.cost(usage.promptTokens(), usage.completionTokens());
            ledger.observed(request.keyFingerprint(), charge);
        }
        if (!queue.offer(new StatsEntry.Request(request, price, charge))) {
            ledger.dropped(request.keyFingerprint(), charge);
        }
    }

    @Override
    public void attemptFinished(AttemptRecord attempt) {
        queue.offer(new StatsEntry.Attempt(attempt, clock.instant()));
    }
}
