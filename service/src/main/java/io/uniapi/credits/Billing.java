package io.uniapi.credits;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one config version says about money: the price of each model and the keys with a prepaid balance, by key
 * fingerprint. Immutable; part of the config snapshot.
 */
public final class Billing {
    public static final Billing NONE = new Billing(ModelPrices.NONE, Map.of());

    private final ModelPrices prices;
    private final Map<String, CreditLimit> limitsByFingerprint;

    public Billing(ModelPrices prices, Map<String, CreditLimit> limitsByFingerprint) {
        this.prices = prices;
        this.limitsByFingerprint = Map.copyOf(limitsByFingerprint);
    }

    public Price price(String model) {
        return prices.of(model);
    }

    /** The balance of the key with this fingerprint, or empty if it may spend without limit. */
    public Optional<CreditLimit> limit(String keyFingerprint) {
        return Optional.ofNullable(limitsByFingerprint.get(keyFingerprint));
    }

    public Set<String> paidKeys() {
        return limitsByFingerprint.keySet();
    }
}
