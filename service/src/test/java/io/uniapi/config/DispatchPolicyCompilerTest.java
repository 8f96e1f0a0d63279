package io.uniapi.config;

import io.uniapi.limits.RateLimit;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Dispatch preferences compiled into the snapshot: defaults, inheritance, and bad values that reject a load. */
class DispatchPolicyCompilerTest {

    @Test
    void defaultsAndInheritance() throws Exception {
        Snapshot snapshot = compile("""
                providers:
                  - provider: a
                    base_url: https://a.example/v1/chat/completions
                    api: [sk-key-number-one, sk-key-number-two]
                    model: [m]
                  - provider: b
                    base_url: https://b.example/v1/chat/completions
                    api: sk-key-number-three
                    model: [m]
                    preferences:
                      cooldown_period: 0
                      api_key_schedule_algorithm: fixed_priority
                      api_key_rate_limit: {gpt-4: "10/min,500/day", default: 4/min}
                      model_timeout: {gpt: 20, default: 10}
                api_keys:
                  - api: sk-client
                    preferences: {SCHEDULING_ALGORITHM: lottery, AUTO_RETRY: 4, rate_limit: 15/min}
                  - api: sk-other
                preferences:
                  cooldown_period: 60
                  error_triggers: [covered by the developer]
                  rate_limit: 100/min
                  keepalive_interval: 25
                """);
        DispatchPolicies policies = snapshot.dispatch();
        ChannelPolicy a = policies.channel(snapshot.channel("a").orElseThrow());
        ChannelPolicy b = policies.channel(snapshot.channel("b").orElseThrow());

        assertThat(a.cooldown()).isEqualTo(Duration.ofSeconds(60));
        assertThat(a.keyIds()).hasSize(2).doesNotContain("sk-key-number-one");
        assertThat(a.keySchedule()).isEqualTo(KeyScheduleAlgorithm.ROUND_ROBIN);
        assertThat(a.keyRateLimit("m")).isNull();
        assertThat(a.keyCooldown()).isZero();
        assertThat(a.keyRateLimitCooldown()).isEqualTo(Duration.ofSeconds(1800));
        assertThat(a.keyQuotaCooldown()).isEqualTo(Duration.ofHours(6));
        assertThat(b.cooldown()).isZero();
        assertThat(b.keySchedule()).isEqualTo(KeyScheduleAlgorithm.FIXED_PRIORITY);
        assertThat(b.keyRateLimit("gpt-4-turbo")).isEqualTo(RateLimit.parse("10/min,500/day"));
        assertThat(b.keyRateLimit("claude")).isEqualTo(RateLimit.parse("4/min"));
        assertThat(b.timeout().get("GPT-4o")).isEqualTo(Duration.ofSeconds(20));
        ClientKey client = snapshot.clientKeys().byValue("sk-client").orElseThrow();
        ClientPolicy policy = policies.client(client);
        assertThat(policy.scheduling()).isEqualTo(SchedulingAlgorithm.LOTTERY);
        assertThat(policy.autoRetry()).isEqualTo(new AutoRetry(true, 4));
        assertThat(policy.rateLimit("anything")).isEqualTo(RateLimit.parse("15/min"));
        assertThat(policies.client(snapshot.clientKeys().byValue("sk-other").orElseThrow())).isEqualTo(ClientPolicy.DEFAULT);
        assertThat(policies.globalRateLimit()).isEqualTo(RateLimit.parse("100/min"));
        assertThat(policies.errorTriggers()).containsExactly("covered by the developer");
        assertThat(policies.keepalive().get("any")).isEqualTo(Duration.ofSeconds(25));
    }

    @Test
    void everyBadValueIsReportedWithItsPathAndWhatWasExpected() {
        assertThatThrownBy(() -> compile("""
                providers:
                  - provider: a
                    base_url: https://a.example/v1/chat/completions
                    api: sk-key-number-one
                    model: [m]
                    preferences:
                      cooldown_period: soon
                      api_key_rate_limit: {gpt-4: 10/mni}
                      api_key_schedule_algorithm: round-robin
                      model_timeout: [1, 2]
                api_keys:
                  - api: sk-client
                    preferences: {SCHEDULING_ALGORITHM: fastest, AUTO_RETRY: maybe, rate_limit: lots}
                preferences:
                  error_triggers: [ok, {a: b}]
                """))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).extracting(ConfigProblem::toString)
                        .contains(
                                "providers[0].preferences.cooldown_period: 'soon' (expected a number of seconds, e.g. 30 or 1.5)",
                                "providers[0].preferences.api_key_rate_limit.gpt-4: '10/mni' (expected windows such as "
                                        + "15/min or 15/min,10/day; units s, min, hour, day, month, year, or N/tpr for "
                                        + "tokens per request)",
                                "providers[0].preferences.api_key_schedule_algorithm: 'round-robin' (expected one of "
                                        + "round_robin, random, fixed_priority, smart_round_robin)",
                                "providers[0].preferences.model_timeout: a list (expected one value, or a mapping of "
                                        + "model names to values with an optional 'default')",
                                "api_keys[0].preferences.SCHEDULING_ALGORITHM: 'fastest' (expected one of fixed_priority, "
                                        + "round_robin, random, weighted_round_robin, lottery, smart_round_robin)",
                                "api_keys[0].preferences.AUTO_RETRY: 'maybe' (expected true, false or a whole number of "
                                        + "attempts such as 3)",
                                "preferences.error_triggers[1]: a mapping (expected a non-empty text)"));
    }

    @Test
    void aBadValueRejectsAReloadAndTheOldSnapshotKeepsServing() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("api", ".yaml");
        java.nio.file.Files.writeString(file, config("15/min"));
        ConfigHolder holder = new ConfigHolder(new FileConfigSource(file), new ConfigLoader(new EnvExpander(name -> null)),
                name -> List.of());
        holder.loadInitial();

        java.nio.file.Files.writeString(file, config("15/fortnight"));
        ReloadStatus status = holder.reload("test", true);

        assertThat(status.ok()).isFalse();
        assertThat(status.message()).contains("api_keys[0].preferences.rate_limit: '15/fortnight'");
        ClientKey key = holder.current().clientKeys().byValue("sk-client").orElseThrow();
        assertThat(holder.current().dispatch().client(key).rateLimit("m")).isEqualTo(RateLimit.parse("15/min"));
    }

    @Test
    void modelMapsMatchExactlyThenBySubstringThenDefault() throws Exception {
        ModelMap<Duration> map = ModelMap.parse(new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                "{\"gemini-2.5-pro\": 500, \"gemini\": 60, \"default\": 10}"), "model_timeout", Seconds::parse);

        assertThat(map.get("gemini-2.5-pro")).isEqualTo(Duration.ofSeconds(500));
        assertThat(map.get("Gemini-2.5-Pro")).isEqualTo(Duration.ofSeconds(500));
        assertThat(map.get("gemini-2.5-flash")).isEqualTo(Duration.ofSeconds(60));
        assertThat(map.get("gpt-4o")).isEqualTo(Duration.ofSeconds(10));
        assertThat(map.specific("gpt-4o")).isNull();
        assertThat(map.toString()).isEqualTo("{gemini-2.5-pro: PT8M20S, gemini: PT1M, default: PT10S}");
        assertThat(Seconds.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
    }

    private static String config(String rateLimit) {
        return """
                providers:
                  - {provider: a, base_url: "https://a.example/v1/chat/completions", api: sk-key-number-one, model: [m]}
                api_keys:
                  - api: sk-client
                    preferences: {rate_limit: %s}
                """.formatted(rateLimit);
    }

    private static Snapshot compile(String yaml) throws ConfigException {
        GatewayConfigParser.Parsed parsed = new ConfigLoader(new EnvExpander(name -> null)).load(yaml);
        return new SnapshotCompiler().compile(parsed.config(), name -> List.of(), 1, "test");
    }
}
