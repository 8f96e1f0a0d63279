package io.uniapi.routing;

import io.uniapi.config.Channel;
import io.uniapi.config.ClientKey;
import io.uniapi.config.ModelRule;
import io.uniapi.config.Snapshot;
import io.uniapi.errors.ModelNotFoundException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which channels may serve a model for a client key, in the key's rule order (behaviour reference §3.1). The
 * scheduling algorithm then decides where to start; see {@link Scheduling}.
 */
public final class Router {

    /**
     * @throws ModelNotFoundException when no rule of the key leads to a channel offering {@code model}
     */
    public List<Candidate> candidates(Snapshot snapshot, ClientKey key, String model) {
        Map<String, Candidate> found = new LinkedHashMap<>();
        collect(snapshot, key, model, found, new HashSet<>());
        if (found.isEmpty()) {
            throw new ModelNotFoundException(model);
        }
        return List.copyOf(found.values());
    }

    private void collect(Snapshot snapshot, ClientKey key, String model, Map<String, Candidate> found, Set<String> visited) {
        if (!visited.add(key.fingerprint())) {
            return;
        }
        for (ModelRule rule : key.rules()) {
            switch (rule.kind()) {
                case ALL -> snapshot.channelsOffering(model).forEach(channel -> add(found, channel, model, rule));
                case PROVIDER_ALL -> snapshot.channel(rule.provider())
                        .ifPresent(channel -> add(found, channel, model, rule));
                case PROVIDER_MODEL -> {
                    if (rule.model().equals(model)) {
                        snapshot.channel(rule.provider()).ifPresent(channel -> add(found, channel, model, rule));
                    }
                }
                case LITERAL, PLAIN -> {
                    if (rule.model().equals(model)) {
                        snapshot.channelsOffering(model).forEach(channel -> add(found, channel, model, rule));
                    }
                }
                case KEY_ALL, KEY_MODEL -> {
                    if (rule.kind() == ModelRule.Kind.KEY_ALL || rule.model().equals(model)) {
                        snapshot.clientKeys().byValue(rule.provider())
                                .ifPresent(inner -> collect(snapshot, inner, model, found, visited));
                    }
                }
            }
        }
    }

    private static void add(Map<String, Candidate> found, Channel channel, String model, ModelRule rule) {
        channel.model(model).ifPresent(entry ->
                found.putIfAbsent(channel.name(), new Candidate(channel, entry, rule.weight())));
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
