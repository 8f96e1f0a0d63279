package io.uniapi.providers;

import io.uniapi.config.Channel;
import io.uniapi.config.ModelEntry;

/**
 * Where one attempt goes: a channel, the model on it, and the upstream key picked for this attempt.
 *
 * @param apiKey the upstream key, or null for channels authenticated otherwise
 */
public record AttemptTarget(Channel channel, ModelEntry model, String apiKey) {

    public String upstreamModel() {
        return model.upstream();
    }

    /** The name the client asked for; responses carry it back. */
    public String alias() {
        return model.alias();
    }
}
