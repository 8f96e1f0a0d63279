package io.uniapi.routing;

/**
 * The smooth weighted round-robin sequence (as nginx builds it): each step adds every weight to its running score,
 * picks the highest score, and subtracts the total from the winner. Weights 5:3:2 give a 10-step sequence in which
 * each entry appears as often as its weight, spread out ({@code a b c a a b a c b a}) rather than in runs.
 */
final class SmoothWeightedSequence {
    private SmoothWeightedSequence() {
    }

    /** Indexes into {@code weights}, {@code sum(weights)} long. Weights must be positive. */
    static int[] of(int[] weights) {
        int total = 0;
        for (int weight : weights) {
            total += weight;
        }
        int[] sequence = new int[total];
        long[] scores = new long[weights.length];
        for (int step = 0; step < total; step++) {
            int best = 0;
            for (int i = 0; i < weights.length; i++) {
                scores[i] += weights[i];
                if (scores[i] > scores[best]) {
                    best = i;
                }
            }
            scores[best] -= total;
            sequence[step] = best;
        }
        return sequence;
    }
}
