package io.uniapi.credits;

import java.util.List;
import java.util.Map;

/**
 * The compiled {@code preferences.model_price}: the first entry whose name the requested model starts with, in the
 * order written, else {@code default}, else {@link #FALLBACK}. uni-api's README documents the fallback as
 * {@code 1,2}; its code uses {@code 0.3,1} (reference quirk §10.13): we follow the README, the documented promise,
 * which also errs on the side of not overspending a prepaid balance.
 */
public final class ModelPrices {
    public static final Price FALLBACK = new Price(1, 2);
    public static final ModelPrices NONE = new ModelPrices(List.of(), FALLBACK);

    private final List<Map.Entry<String, Price>> byPrefix;
    private final Price fallback;

    /** @param byPrefix entries in config order, without {@code default} */
    public ModelPrices(List<Map.Entry<String, Price>> byPrefix, Price fallback) {
        this.byPrefix = List.copyOf(byPrefix);
        this.fallback = fallback;
    }

    public Price of(String model) {
        if (model != null) {
            for (Map.Entry<String, Price> entry : byPrefix) {
                if (model.startsWith(entry.getKey())) {
                    return entry.getValue();
                }
            }
        }
        return fallback;
    }
}
