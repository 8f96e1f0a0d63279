package io.uniapi.api;

import io.uniapi.config.ClientKey;
import io.uniapi.config.Snapshot;
import io.uniapi.credits.CreditLedger;
import io.uniapi.errors.InsufficientCreditsException;
import io.uniapi.telemetry.GatewayListener;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;

import java.util.Locale;

/**
 * Refuses every request of a key that has spent its {@code preferences.credits} (reference §7.4) with a 429 before
 * anything reaches an upstream. The check reads the in-memory {@link CreditLedger}: no database query per request.
 * Runs after {@link ClientKeyFilter}; resources marked {@link CreditsExempt} (token usage) stay reachable.
 */
@ClientKeyRequired
@Priority(Priorities.AUTHENTICATION + 50)
public final class CreditsFilter implements ContainerRequestFilter {
    private final CreditLedger ledger;
    private final GatewayListener listener;

    @Context
    private ResourceInfo resource;

    public CreditsFilter(CreditLedger ledger, GatewayListener listener) {
        this.ledger = ledger;
        this.listener = listener;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Snapshot snapshot = RequestAttributes.snapshot(request);
        ClientKey key = RequestAttributes.clientKey(request);
        if (snapshot == null || key == null) {
            return;
        }
        var limit = snapshot.billing().limit(key.fingerprint());
        if (limit.isEmpty() || exempt()) {
            return;
        }
        CreditLedger.Balance balance = ledger.balance(key.fingerprint(), limit.get());
        if (!balance.enabled()) {
            InsufficientCreditsException refused = new InsufficientCreditsException(String.format(Locale.ROOT,
                    "Balance is insufficient, please check your account. This key has spent $%.6f of its $%.6f credits.",
                    balance.spent(), balance.credits()));
            listener.requestRejected(refused.status(), refused.category());
            throw refused;
        }
    }

    private boolean exempt() {
        return resource != null && (resource.getResourceClass().isAnnotationPresent(CreditsExempt.class)
                || (resource.getResourceMethod() != null && resource.getResourceMethod().isAnnotationPresent(CreditsExempt.class)));
    }
}
