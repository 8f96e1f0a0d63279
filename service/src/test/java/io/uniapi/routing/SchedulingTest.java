package io.uniapi.routing;

import io.uniapi.config.SchedulingAlgorithm;
import io.uniapi.state.RoundRobinCounters;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The orderings themselves, without HTTP (the distributions over HTTP are in SchedulingDistributionTest). */
class SchedulingTest {

    @Test
    void smoothWeightedSequenceSpreadsEachEntryByItsWeight() {
        int[] sequence = SmoothWeightedSequence.of(new int[] {5, 3, 2});

        assertThat(Arrays.stream(sequence).boxed().toList()).containsExactly(0, 1, 2, 0, 0, 1, 0, 2, 1, 0);
    }

    @Test
    void smoothWeightedSequenceOfTwoToOneAlternates() {
        assertThat(Arrays.stream(SmoothWeightedSequence.of(new int[] {2, 1})).boxed().toList()).containsExactly(0, 1, 0);
    }

    @Test
    void lotteryWithASeededGeneratorFollowsTheWeights() {
        Random random = new Random(7);
        Scheduling seeded = new Scheduling(new RoundRobinCounters(), () -> random);
        List<Route> routes = List.of(weighted(9), weighted(1));
        int firstIsHeavy = 0;
        for (int i = 0; i < 1000; i++) {
            List<Route> order = seeded.order(SchedulingAlgorithm.LOTTERY, null, "m", routes);
            assertThat(order).containsExactlyInAnyOrderElementsOf(routes);
            if (order.get(0) == routes.get(0)) {
                firstIsHeavy++;
            }
        }

        assertThat(firstIsHeavy).isBetween(870, 930);
    }

    @Test
    void rotationStartsAtTheCounter() {
        List<Route> routes = List.of(weighted(1), weighted(2), weighted(3));

        assertThat(Scheduling.rotated(routes, 4)).containsExactly(routes.get(1), routes.get(2), routes.get(0));
    }

    @Test
    void weightedRoundRobinListsEveryWeightedEntryOnceStartingFromTheSequence() {
        List<Route> routes = List.of(weighted(5), weighted(3), weighted(2), weighted(0));

        List<Route> order = Scheduling.weightedRoundRobin(routes, 1);

        assertThat(order).containsExactly(routes.get(1), routes.get(2), routes.get(0));
    }

    /** A stand-in candidate: only its weight matters to the algorithms. */
    private static Route weighted(int weight) {
        return new Candidate(null, null, weight);
    }
}
