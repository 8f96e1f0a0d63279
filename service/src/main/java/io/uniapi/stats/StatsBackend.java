package io.uniapi.stats;

import io.uniapi.credits.CreditLedger;

import java.time.Clock;

/**
 * What the statistics endpoints read from. {@link #reports()} and {@link #store()} are null when persistence is
 * off ({@code DISABLE_DATABASE=true}).
 */
public record StatsBackend(StatsReports reports, StatsStore store, CreditLedger ledger, Clock clock) {
    public static StatsBackend disabled(Clock clock) {
        return new StatsBackend(null, null, new CreditLedger(), clock);
    }

    public boolean enabled() {
        return reports != null;
    }
}
