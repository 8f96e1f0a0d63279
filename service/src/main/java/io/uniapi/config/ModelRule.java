package io.uniapi.config;

/**
 * One item of {@code api_keys[].model}: which channels and models a client key may use, in priority order.
 *
 * <pre>
 *   all                  every model of every provider           (ALL)
 *   openai/*             every model of provider openai          (PROVIDER_ALL)
 *   openai/gpt-4o        gpt-4o, only from provider openai        (PROVIDER_MODEL; split at the first '/')
 *   &lt;vendor/model-x&gt;     the model literally named vendor/model-x, any provider (LITERAL)
 *   gpt-4o               gpt-4o from any provider                 (PLAIN)
 *   sk-other/*           another client key used as a channel     (KEY_ALL / KEY_MODEL)
 * </pre>
 *
 * @param weight positive weight from the {@code rule: N} form, or 0 when none was given
 */
public record ModelRule(Kind kind, String provider, String model, int weight) {

    public enum Kind { ALL, PROVIDER_ALL, PROVIDER_MODEL, LITERAL, PLAIN, KEY_ALL, KEY_MODEL }

    private static final String KEY_PREFIX = "sk-";

    public static ModelRule parse(String text, int weight) {
        String rule = text.trim();
        if (rule.equals("all") || rule.equals("*")) {
            return new ModelRule(Kind.ALL, null, null, weight);
        }
        if (rule.length() > 2 && rule.startsWith("<") && rule.endsWith(">")) {
            return new ModelRule(Kind.LITERAL, null, rule.substring(1, rule.length() - 1), weight);
        }
        int slash = rule.indexOf('/');
        if (slash > 0 && slash < rule.length() - 1) {
            String provider = rule.substring(0, slash);
            String model = rule.substring(slash + 1);
            boolean key = provider.startsWith(KEY_PREFIX);
            if (model.equals("*")) {
                return new ModelRule(key ? Kind.KEY_ALL : Kind.PROVIDER_ALL, provider, null, weight);
            }
            return new ModelRule(key ? Kind.KEY_MODEL : Kind.PROVIDER_MODEL, provider, model, weight);
        }
        return new ModelRule(Kind.PLAIN, null, rule, weight);
    }

    public static ModelRule parse(String text) {
        return parse(text, 0);
    }

    public boolean namesProvider() {
        return kind == Kind.PROVIDER_ALL || kind == Kind.PROVIDER_MODEL;
    }

    public boolean namesKey() {
        return kind == Kind.KEY_ALL || kind == Kind.KEY_MODEL;
    }

    /** The rule as written in {@code api.yaml}, without its weight; never prints a key channel's secret. */
    @Override
    public String toString() {
        return switch (kind) {
            case ALL -> "all";
            case PROVIDER_ALL -> provider + "/*";
            case PROVIDER_MODEL -> provider + "/" + model;
            case LITERAL -> "<" + model + ">";
            case PLAIN -> model;
            case KEY_ALL -> io.uniapi.errors.SecretRedactor.mask(provider) + "/*";
            case KEY_MODEL -> io.uniapi.errors.SecretRedactor.mask(provider) + "/" + model;
        };
    }
}
