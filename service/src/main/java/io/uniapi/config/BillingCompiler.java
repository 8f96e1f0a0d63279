package io.uniapi.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.uniapi.credits.Billing;
import io.uniapi.credits.CreditLimit;
import io.uniapi.credits.ModelPrices;
import io.uniapi.credits.Price;

import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Compiles {@code preferences.model_price} and each key's {@code credits} / {@code created_at} into {@link Billing}. */
final class BillingCompiler {
    private BillingCompiler() {
    }

    static Billing compile(GatewayConfig config, List<ClientKey> keys, List<ConfigProblem> problems) {
        ModelPrices prices = prices(config.preferences(), problems);
        Map<String, CreditLimit> limits = new HashMap<>();
        for (ClientKey key : keys) {
            CreditLimit limit = limit(key.config().preferences(), problems);
            if (limit != null) {
                limits.put(key.fingerprint(), limit);
            }
        }
        return prices == ModelPrices.NONE && limits.isEmpty() ? Billing.NONE : new Billing(prices, limits);
    }

    private static ModelPrices prices(Preferences global, List<ConfigProblem> problems) {
        JsonNode node = global.get("model_price");
        if (node == null) {
            return ModelPrices.NONE;
        }
        String path = global.pathOf("model_price");
        if (!node.isObject()) {
            problems.add(new ConfigProblem(path, NodeReader.describe(node)
                    + " (expected a mapping of model name prefixes to \"input,output\" USD per million tokens)"));
            return ModelPrices.NONE;
        }
        List<Map.Entry<String, Price>> byPrefix = new ArrayList<>();
        Price fallback = ModelPrices.FALLBACK;
        var fields = node.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            try {
                Price price = Price.parse(field.getValue().asText());
                if (field.getKey().equals("default")) {
                    fallback = price;
                } else {
                    byPrefix.add(new AbstractMap.SimpleImmutableEntry<>(field.getKey(), price));
                }
            } catch (IllegalArgumentException e) {
                problems.add(new ConfigProblem(NodeReader.child(path, field.getKey()), e.getMessage()));
            }
        }
        return new ModelPrices(byPrefix, fallback);
    }

    /** Null when the key may spend without limit (no {@code credits}, or {@code -1} as in uni-api). */
    private static CreditLimit limit(Preferences preferences, List<ConfigProblem> problems) {
        JsonNode credits = preferences.get("credits");
        if (credits == null) {
            return null;
        }
        if (!credits.isNumber() && !(credits.isTextual() && credits.asText().trim().matches("-?\\d+(\\.\\d+)?"))) {
            problems.add(new ConfigProblem(preferences.pathOf("credits"), NodeReader.describe(credits)
                    + " (expected an amount in USD, or -1 for no limit)"));
            return null;
        }
        double amount = credits.asDouble();
        if (amount == -1) {
            return null;
        }
        if (amount < 0) {
            problems.add(new ConfigProblem(preferences.pathOf("credits"), credits.asText()
                    + " (expected an amount in USD ≥ 0, or -1 for no limit)"));
            return null;
        }
        Instant createdAt = null;
        JsonNode created = preferences.get("created_at");
        if (created != null) {
            try {
                createdAt = CreditLimit.parseCreatedAt(created.asText());
            } catch (IllegalArgumentException e) {
                problems.add(new ConfigProblem(preferences.pathOf("created_at"), e.getMessage()));
            }
        }
        return new CreditLimit(amount, createdAt);
    }
}
