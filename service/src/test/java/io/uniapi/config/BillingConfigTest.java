package io.uniapi.config;

import io.uniapi.credits.Billing;
import io.uniapi.credits.CreditLimit;
import io.uniapi.credits.Price;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code model_price}, {@code credits} and {@code created_at} compiled into the snapshot, errors with their path. */
class BillingConfigTest {
    private static final String PROVIDERS = """
            providers:
              - provider: p
                base_url: https://h/v1/chat/completions
                api: sk-up
                model: [gpt-4o, gpt-4o-mini, claude-3]
            """;

    @Test
    void pricesMatchByPrefixInOrderThenDefault() throws Exception {
        Snapshot snapshot = compile(PROVIDERS + """
                api_keys:
                  - api: sk-a
                preferences:
                  model_price:
                    gpt-4o-mini: "0.15,0.6"
                    gpt-4o: "2.5,10"
                    default: "1,3"
                """);
        Billing billing = snapshot.billing();
        assertThat(billing.price("gpt-4o-mini")).isEqualTo(new Price(0.15, 0.6));
        assertThat(billing.price("gpt-4o-2024-08-06")).isEqualTo(new Price(2.5, 10));
        assertThat(billing.price("claude-3")).isEqualTo(new Price(1, 3));
        assertThat(billing.paidKeys()).isEmpty();
    }

    @Test
    void withoutDefaultTheReadmeFallbackApplies() throws Exception {
        assertThat(compile(PROVIDERS + "api_keys:\n  - api: sk-a\n").billing().price("anything"))
                .isEqualTo(new Price(1, 2));
    }

    @Test
    void creditsAndCreatedAtMakeAPaidKey() throws Exception {
        Snapshot snapshot = compile(PROVIDERS + """
                api_keys:
                  - api: sk-paid
                    preferences:
                      credits: 12.5
                      created_at: 2024-01-01T00:00:00+08:00
                  - api: sk-rolling
                    preferences:
                      credits: 3
                  - api: sk-unlimited
                    preferences:
                      credits: -1
                """);
        Billing billing = snapshot.billing();
        ClientKey paid = key(snapshot, "sk-paid");
        assertThat(billing.limit(paid.fingerprint())).contains(
                new CreditLimit(12.5, Instant.parse("2023-12-31T16:00:00Z")));
        CreditLimit rolling = billing.limit(key(snapshot, "sk-rolling").fingerprint()).orElseThrow();
        Instant now = Instant.parse("2025-03-31T00:00:00Z");
        assertThat(rolling.windowStart(now)).isEqualTo(Instant.parse("2025-03-01T00:00:00Z"));
        assertThat(billing.limit(key(snapshot, "sk-unlimited").fingerprint())).isEmpty();
    }

    @Test
    void createdAtAcceptsTheFormsYamlUsers() {
        assertThat(CreditLimit.parseCreatedAt("2024-01-01 00:00:00+08:00")).isEqualTo(Instant.parse("2023-12-31T16:00:00Z"));
        assertThat(CreditLimit.parseCreatedAt("2024-01-01T10:00:00")).isEqualTo(Instant.parse("2024-01-01T10:00:00Z"));
        assertThat(CreditLimit.parseCreatedAt("2024-01-01")).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(CreditLimit.parseCreatedAt("1704067200")).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
    }

    @Test
    void badValuesAreReportedWithTheirPath() {
        assertThatThrownBy(() -> compile(PROVIDERS + """
                api_keys:
                  - api: sk-a
                    preferences:
                      credits: lots
                  - api: sk-b
                    preferences:
                      credits: 1
                      created_at: last tuesday
                  - api: sk-c
                    preferences:
                      credits: -5
                preferences:
                  model_price:
                    gpt-4o: "2.5"
                    default: "x,1"
                """))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).extracting(ConfigProblem::path)
                        .containsExactlyInAnyOrder("api_keys[0].preferences.credits",
                                "api_keys[1].preferences.created_at", "api_keys[2].preferences.credits",
                                "preferences.model_price.gpt-4o", "preferences.model_price.default"));
    }

    private static ClientKey key(Snapshot snapshot, String value) {
        return snapshot.clientKeys().byValue(value).orElseThrow();
    }

    private static Snapshot compile(String yaml) throws ConfigException {
        GatewayConfigParser.Parsed parsed = new ConfigLoader(new EnvExpander(name -> null)).load(yaml);
        return new SnapshotCompiler().compile(parsed.config(), provider -> List.of(), 1, "test");
    }
}
