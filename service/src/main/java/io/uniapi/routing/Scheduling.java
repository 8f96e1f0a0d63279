package io.uniapi.routing;

import io.uniapi.config.ClientKey;
import io.uniapi.config.SchedulingAlgorithm;
import io.uniapi.config.Snapshot;
import io.uniapi.state.RoundRobinCounters;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Orders a key's routes into the attempts of one request, by the key's {@code SCHEDULING_ALGORITHM} (behaviour
 * reference §3.4). The first entry is where the request starts; failover walks on from there.
 * <ul>
 *   <li>{@code fixed_priority}: rule order, every time.</li>
 *   <li>{@code round_robin}: rule order rotated by a counter per (key, model), so first choices take turns.</li>
 *   <li>{@code random}: a fresh shuffle per request.</li>
 *   <li>{@code weighted_round_robin}: the smooth weighted sequence of the weighted entries ({@code rule: N}), walked
 *       by the same counter; over any {@code sum(weights)} consecutive requests each entry is first exactly as often
 *       as its weight. Unweighted entries are dropped.</li>
 *   <li>{@code lottery}: first choice drawn at random in proportion to the weights, then the rest likewise.</li>
 * </ul>
 * Weights count only when at least two entries of the request carry one; otherwise {@code weighted_round_robin} and
 * {@code lottery} behave as {@code round_robin} (as the uni-api README says). Another key used as a channel is one
 * entry here, and its own entries are ordered by its own algorithm.
 */
public final class Scheduling {
    private final RoundRobinCounters counters;
    private final Supplier<RandomGenerator> random;

    public Scheduling(RoundRobinCounters counters) {
        this(counters, ThreadLocalRandom::current);
    }

    Scheduling(RoundRobinCounters counters, Supplier<RandomGenerator> random) {
        this.counters = counters;
        this.random = random;
    }

    /** The candidates in attempt order. */
    public List<Candidate> order(Snapshot snapshot, ClientKey key, String model, List<Route> routes) {
        List<Candidate> out = new ArrayList<>(routes.size() + 2);
        append(snapshot, key, model, routes, out);
        return out;
    }

    private void append(Snapshot snapshot, ClientKey key, String model, List<Route> routes, List<Candidate> out) {
        SchedulingAlgorithm algorithm = snapshot.dispatch().client(key).scheduling();
        for (Route route : order(algorithm, key, model, routes)) {
            if (route instanceof Candidate candidate) {
                out.add(candidate);
            } else if (route instanceof KeyRoute inner) {
                append(snapshot, inner.key(), model, inner.routes(), out);
            }
        }
    }

    List<Route> order(SchedulingAlgorithm algorithm, ClientKey key, String model, List<Route> routes) {
        if (routes.size() <= 1) {
            return routes;
        }
        return switch (algorithm) {
            case FIXED_PRIORITY -> routes;
            case RANDOM -> shuffled(routes);
            case ROUND_ROBIN, SMART_ROUND_ROBIN -> rotated(routes, counters.next(key.fingerprint(), model));
            case WEIGHTED_ROUND_ROBIN -> weighted(routes)
                    ? weightedRoundRobin(routes, counters.next(key.fingerprint(), model))
                    : rotated(routes, counters.next(key.fingerprint(), model));
            case LOTTERY -> weighted(routes) ? lottery(routes) : rotated(routes, counters.next(key.fingerprint(), model));
        };
    }

    /** Weights count only when at least two entries carry one. */
    private static boolean weighted(List<Route> routes) {
        int weighted = 0;
        for (Route route : routes) {
            if (route.weight() > 0 && ++weighted == 2) {
                return true;
            }
        }
        return false;
    }

    static List<Route> rotated(List<Route> routes, long counter) {
        int start = (int) Math.floorMod(counter, (long) routes.size());
        if (start == 0) {
            return routes;
        }
        List<Route> out = new ArrayList<>(routes.size());
        out.addAll(routes.subList(start, routes.size()));
        out.addAll(routes.subList(0, start));
        return out;
    }

    private List<Route> shuffled(List<Route> routes) {
        List<Route> out = new ArrayList<>(routes);
        RandomGenerator generator = random.get();
        for (int i = out.size() - 1; i > 0; i--) {
            Collections.swap(out, i, generator.nextInt(i + 1));
        }
        return out;
    }

    static List<Route> weightedRoundRobin(List<Route> routes, long counter) {
        List<Route> weightedRoutes = routes.stream().filter(route -> route.weight() > 0).toList();
        int[] weights = weightedRoutes.stream().mapToInt(Route::weight).toArray();
        int[] sequence = SmoothWeightedSequence.of(weights);
        int start = (int) Math.floorMod(counter, (long) sequence.length);
        List<Route> out = new ArrayList<>(weightedRoutes.size());
        boolean[] taken = new boolean[weightedRoutes.size()];
        for (int step = 0; step < sequence.length && out.size() < weightedRoutes.size(); step++) {
            int index = sequence[(start + step) % sequence.length];
            if (!taken[index]) {
                taken[index] = true;
                out.add(weightedRoutes.get(index));
            }
        }
        return out;
    }

    private List<Route> lottery(List<Route> routes) {
        List<Route> left = new ArrayList<>(routes.stream().filter(route -> route.weight() > 0).toList());
        List<Route> out = new ArrayList<>(left.size());
        RandomGenerator generator = random.get();
        while (!left.isEmpty()) {
            int total = left.stream().mapToInt(Route::weight).sum();
            int ticket = generator.nextInt(total);
            for (int i = 0; i < left.size(); i++) {
                ticket -= left.get(i).weight();
                if (ticket < 0) {
                    out.add(left.remove(i));
                    break;
                }
            }
        }
        return out;
    }
}
