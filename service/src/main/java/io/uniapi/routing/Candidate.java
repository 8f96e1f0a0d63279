package io.uniapi.routing;

import io.uniapi.config.Channel;
import io.uniapi.config.ModelEntry;

/**
 * A channel that can serve the requested model, with the model entry to use on it.
 *
 * @param weight the weight of the rule that selected it ({@code rule: N}), 0 when none
 */
public record Candidate(Channel channel, ModelEntry model, int weight) implements Route {
    @Override
    public String toString() {
        return channel.name() + "/" + model.upstream();
    }
}
