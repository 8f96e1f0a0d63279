package io.uniapi.routing;

import io.uniapi.config.Channel;
import io.uniapi.config.ClientKey;
import io.uniapi.config.ModelRule;
import io.uniapi.config.Snapshot;
import io.uniapi.errors.ModelNotFoundException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which channels may serve a model for a client key, in the key's rule order (behaviour reference §3.1), as a tree:
 * a rule naming another client key ({@code sk-…/*}) becomes a {@link KeyRoute} holding that key's own routes. Each
 * channel appears once (its first rule wins). {@link Scheduling} then orders the tree into attempts.
 */
public final class Router {

    /**
     * @throws ModelNotFoundException when no rule of the key leads to a channel offering {@code model}
     */
    public List<Route> routes(Snapshot snapshot, ClientKey key, String model) {
        List<Route> routes = collect(snapshot, key, model, new HashSet<>(), new HashSet<>());
        if (routes.isEmpty()) {
            throw new ModelNotFoundException(model);
        }
        return routes;
    }

    /** The candidates in plain rule order, inner keys' channels in place (no scheduling). */
    public List<Candidate> candidates(Snapshot snapshot, ClientKey key, String model) {
        List<Candidate> flat = new ArrayList<>();
        flatten(routes(snapshot, key, model), flat);
        return List.copyOf(flat);
    }

    private static void flatten(List<Route> routes, List<Candidate> out) {
        for (Route route : routes) {
            if (route instanceof Candidate candidate) {
                out.add(candidate);
            } else if (route instanceof KeyRoute inner) {
                flatten(inner.routes(), out);
            }
        }
    }

    private List<Route> collect(Snapshot snapshot, ClientKey key, String model, Set<String> seenChannels,
                                Set<String> visitedKeys) {
        List<Route> found = new ArrayList<>();
        if (!visitedKeys.add(key.fingerprint())) {
            return found;
        }
        for (ModelRule rule : key.rules()) {
            switch (rule.kind()) {
                case ALL -> snapshot.channelsOffering(model).forEach(channel -> add(found, seenChannels, channel, model, rule));
                case PROVIDER_ALL -> snapshot.channel(rule.provider())
                        .ifPresent(channel -> add(found, seenChannels, channel, model, rule));
                case PROVIDER_MODEL -> {
                    if (rule.model().equals(model)) {
                        snapshot.channel(rule.provider()).ifPresent(channel -> add(found, seenChannels, channel, model, rule));
                    }
                }
                case LITERAL, PLAIN -> {
                    if (rule.model().equals(model)) {
                        snapshot.channelsOffering(model).forEach(channel -> add(found, seenChannels, channel, model, rule));
                    }
                }
                case KEY_ALL, KEY_MODEL -> {
                    if (rule.kind() == ModelRule.Kind.KEY_ALL || rule.model().equals(model)) {
                        snapshot.clientKeys().byValue(rule.provider()).ifPresent(inner -> {
                            List<Route> innerRoutes = collect(snapshot, inner, model, seenChannels, visitedKeys);
                            if (!innerRoutes.isEmpty()) {
                                found.add(new KeyRoute(inner, List.copyOf(innerRoutes), rule.weight()));
                            }
                        });
                    }
                }
            }
        }
        return found;
    }

    private static void add(List<Route> found, Set<String> seenChannels, Channel channel, String model, ModelRule rule) {
        channel.model(model).ifPresent(entry -> {
            if (seenChannels.add(channel.name())) {
                found.add(new Candidate(channel, entry, rule.weight()));
            }
        });
    }

    /** The models a key may use, in rule order, each once ({@code GET /v1/models}). */
    public List<String> models(Snapshot snapshot, ClientKey key) {
        Set<String> models = new java.util.LinkedHashSet<>();
        collectModels(snapshot, key, models, new HashSet<>());
        return new ArrayList<>(models);
    }

    private void collectModels(Snapshot snapshot, ClientKey key, Set<String> models, Set<String> visited) {
        if (!visited.add(key.fingerprint())) {
            return;
        }
        for (ModelRule rule : key.rules()) {
            switch (rule.kind()) {
                case ALL -> snapshot.channels().forEach(channel -> channel.models().forEach(m -> models.add(m.alias())));
                case PROVIDER_ALL -> snapshot.channel(rule.provider())
                        .ifPresent(channel -> channel.models().forEach(m -> models.add(m.alias())));
                case PROVIDER_MODEL -> snapshot.channel(rule.provider())
                        .filter(channel -> channel.offers(rule.model()))
                        .ifPresent(channel -> models.add(rule.model()));
                case LITERAL, PLAIN -> {
                    if (!snapshot.channelsOffering(rule.model()).isEmpty()) {
                        models.add(rule.model());
                    }
                }
                case KEY_ALL, KEY_MODEL -> snapshot.clientKeys().byValue(rule.provider()).ifPresent(inner -> {
                    Set<String> innerModels = new java.util.LinkedHashSet<>();
                    collectModels(snapshot, inner, innerModels, visited);
                    innerModels.stream()
                            .filter(m -> rule.kind() == ModelRule.Kind.KEY_ALL || m.equals(rule.model()))
                            .forEach(models::add);
                });
            }
        }
    }
}
