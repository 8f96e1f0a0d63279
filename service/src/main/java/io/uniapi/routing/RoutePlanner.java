package io.uniapi.routing;

import io.uniapi.config.ClientKey;
import io.uniapi.config.Snapshot;
import io.uniapi.errors.PayloadTooLargeException;
import io.uniapi.errors.ServiceUnavailableException;
import io.uniapi.limits.RateLimit;
import io.uniapi.state.Cooldowns;
import io.uniapi.state.RouteCircuit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The attempts of one request (behaviour reference §3.1 steps 3–6): the key's routes, minus channels whose
 * {@code api_key_rate_limit} {@code N/tpr} is below the prompt's estimated size (none left: 413), minus routes whose
 * 403/404 circuit is open (none left: 503), minus channels cooling down for the model when there is a choice, then
 * ordered by {@link Scheduling}. When every candidate is cooling down they are all kept: uni-api answers 503 then,
 * which turns one bad minute on every channel into five minutes of outage.
 */
public final class RoutePlanner {
    private final Router router;
    private final Scheduling scheduling;
    private final Cooldowns cooldowns;
    private final RouteCircuit circuit;

    public RoutePlanner(Router router, Scheduling scheduling, Cooldowns cooldowns, RouteCircuit circuit) {
        this.router = router;
        this.scheduling = scheduling;
        this.cooldowns = cooldowns;
        this.circuit = circuit;
    }

    /**
     * @param promptTokens the request's estimated prompt size in tokens; asked only when a channel has a tpr limit
     */
    public List<Candidate> plan(Snapshot snapshot, ClientKey key, String model, LongSupplier promptTokens) {
        List<Route> routes = router.routes(snapshot, key, model);
        routes = keep(routes, candidate -> fitsPrompt(snapshot, candidate, promptTokens));
        if (routes.isEmpty()) {
            throw new PayloadTooLargeException("The request body is too long, No available providers at the moment: " + model);
        }
        routes = keep(routes, candidate -> !circuit.open(candidate.channel().name(), candidate.model().upstream()));
        if (routes.isEmpty()) {
            throw new ServiceUnavailableException("no_available_providers", "No available providers at the moment: " + model);
        }
        if (count(routes) > 1) {
            List<Route> warm = keep(routes, candidate -> !cooldowns.channelCooling(candidate.channel().name(), model));
            if (!warm.isEmpty()) {
                routes = warm;
            }
        }
        return scheduling.order(snapshot, key, model, routes);
    }

    private static boolean fitsPrompt(Snapshot snapshot, Candidate candidate, LongSupplier promptTokens) {
        RateLimit limit = snapshot.dispatch().channel(candidate.channel()).keyRateLimit(candidate.model().upstream());
        return limit == null || limit.maxPromptTokens() == 0 || limit.admitsPrompt(promptTokens.getAsLong());
    }

    /** The tree without the candidates {@code test} rejects (and without inner keys left empty); shares when unchanged. */
    private static List<Route> keep(List<Route> routes, Predicate<Candidate> test) {
        List<Route> out = null;
        for (int i = 0; i < routes.size(); i++) {
            Route route = routes.get(i);
            Route kept = route;
            if (route instanceof Candidate candidate) {
                kept = test.test(candidate) ? candidate : null;
            } else if (route instanceof KeyRoute inner) {
                List<Route> innerKept = keep(inner.routes(), test);
                kept = innerKept.isEmpty() ? null : innerKept == inner.routes() ? inner
                        : new KeyRoute(inner.key(), innerKept, inner.weight());
            }
            if (kept != route && out == null) {
                out = new ArrayList<>(routes.subList(0, i));
            }
            if (out != null && kept != null) {
                out.add(kept);
            }
        }
        return out == null ? routes : out;
    }

    private static int count(List<Route> routes) {
        int n = 0;
        for (Route route : routes) {
            n += route instanceof KeyRoute inner ? count(inner.routes()) : 1;
        }
        return n;
    }
}
