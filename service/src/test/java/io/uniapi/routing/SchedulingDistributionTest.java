package io.uniapi.routing;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.uniapi.UniApiConfiguration;
import io.uniapi.testing.Faults;
import io.uniapi.testing.FakeUpstream;
import io.uniapi.testing.OpenAiWire;
import io.uniapi.testing.TestGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Which channel each request tries first, per scheduling algorithm, counted over real HTTP requests. */
@ExtendWith(DropwizardExtensionsSupport.class)
class SchedulingDistributionTest {
    @RegisterExtension
    static final FakeUpstream UPSTREAM = FakeUpstream.start();
    static final DropwizardAppExtension<UniApiConfiguration> APP = TestGateway.app(TestGateway.writeConfig("""
            providers:
              - {provider: p1, base_url: "%1$s/p1/v1/chat/completions", api: sk-up-p1-0001, model: [m]}
              - {provider: p2, base_url: "%1$s/p2/v1/chat/completions", api: sk-up-p2-0001, model: [m]}
              - {provider: p3, base_url: "%1$s/p3/v1/chat/completions", api: sk-up-p3-0001, model: [m]}
            api_keys:
              - api: sk-fixed
                model: [p2/*, p1/*]
              - api: sk-rr
                model: [p1/*, p2/*]
                preferences: {SCHEDULING_ALGORITHM: round_robin}
              - api: sk-wrr
                model: [{p1/*: 5}, {p2/*: 3}, {p3/*: 2}]
                preferences: {SCHEDULING_ALGORITHM: weighted_round_robin}
              - api: sk-wrr-small
                model: [{p1/*: 2}, {p2/*: 1}]
                preferences: {SCHEDULING_ALGORITHM: weighted_round_robin}
              - api: sk-wrr-unweighted
                model: [p1/*, p2/*]
                preferences: {SCHEDULING_ALGORITHM: weighted_round_robin}
              - api: sk-random
                model: [p1/*, p2/*, p3/*]
                preferences: {SCHEDULING_ALGORITHM: random}
              - api: sk-lottery
                model: [{p1/*: 8}, {p2/*: 2}]
                preferences: {SCHEDULING_ALGORITHM: lottery}
              - api: sk-inner-random
                model: [p1/*, p2/*]
                preferences: {SCHEDULING_ALGORITHM: random}
              - api: sk-outer-fixed
                model: [sk-inner-random/*, p3/*]
            preferences:
              cooldown_period: 0
            """.formatted(UPSTREAM.baseUrl())));

    @BeforeEach
    void reset() {
        for (String p : new String[] {"p1", "p2", "p3"}) {
            UPSTREAM.on("POST /" + p + "/v1/chat/completions", OpenAiWire.answer("from " + p));
        }
    }

    @Test
    void fixedPriorityAlwaysStartsWithTheFirstRule() {
        assertThat(firstChoices("sk-fixed", 10)).containsOnly("p2");
    }

    @Test
    void roundRobinAlternatesFirstChoices() {
        assertThat(firstChoices("sk-rr", 6)).containsExactly("p1", "p2", "p1", "p2", "p1", "p2");
    }

    @Test
    void weightedRoundRobinGivesExactlyTheWeightsAsFirstChoices() {
        Map<String, Integer> counts = count(firstChoices("sk-wrr", 100));

        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("p1", 50, "p2", 30, "p3", 20));
    }

    @Test
    void weightedRoundRobinSpreadsTurnsSmoothly() {
        assertThat(firstChoices("sk-wrr-small", 3)).containsExactly("p1", "p2", "p1");
    }

    @Test
    void withoutWeightsWeightedRoundRobinIsRoundRobin() {
        assertThat(firstChoices("sk-wrr-unweighted", 4)).containsExactly("p1", "p2", "p1", "p2");
    }

    @Test
    void randomUsesEveryChannelAsFirstChoice() {
        Map<String, Integer> counts = count(firstChoices("sk-random", 90));

        assertThat(counts.keySet()).containsExactlyInAnyOrder("p1", "p2", "p3");
        assertThat(counts.values()).allSatisfy(n -> assertThat(n).isBetween(10, 55));
    }

    @Test
    void lotteryDrawsFirstChoicesInProportionToWeights() {
        Map<String, Integer> counts = count(firstChoices("sk-lottery", 100));

        assertThat(counts.get("p1")).isBetween(62, 95);
        assertThat(counts.get("p2")).isBetween(5, 38);
    }

    @Test
    void failoverWalksOnFromTheScheduledStart() {
        UPSTREAM.on("POST /p2/v1/chat/completions", Faults.status(500, "down"));

        List<String> answered = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            answered.add(TestGateway.post(APP, "/v1/chat/completions", "sk-rr", body()).body().contains("from p1") ? "p1" : "?");
        }

        assertThat(answered).containsOnly("p1");
    }

    @Test
    void aKeyUsedAsAChannelKeepsItsOwnSchedulingInsideTheOuterKeysOrder() {
        List<String> first = firstChoices("sk-outer-fixed", 60);

        assertThat(first).doesNotContain("p3");
        assertThat(count(first).keySet()).containsExactlyInAnyOrder("p1", "p2");
    }

    @Test
    void anInnerKeysChannelsAllFailBeforeTheOuterKeysNextRuleIsTried() {
        UPSTREAM.on("POST /p1/v1/chat/completions", Faults.status(500, "down"));
        UPSTREAM.on("POST /p2/v1/chat/completions", Faults.status(500, "down"));

        String body = TestGateway.post(APP, "/v1/chat/completions", "sk-outer-fixed", body()).body();

        assertThat(body).contains("from p3");
        assertThat(UPSTREAM.requests()).hasSize(3);
        assertThat(UPSTREAM.requests().get(2).path()).startsWith("/p3/");
    }

    private static List<String> firstChoices(String key, int requests) {
        List<String> first = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            UPSTREAM.reset();
            TestGateway.post(APP, "/v1/chat/completions", key, body());
            first.add(UPSTREAM.requests().get(0).path().split("/")[1]);
        }
        return first;
    }

    private static Map<String, Integer> count(List<String> choices) {
        Map<String, Integer> counts = new TreeMap<>();
        choices.forEach(choice -> counts.merge(choice, 1, Integer::sum));
        return counts;
    }

    private static String body() {
        return "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    }
}
