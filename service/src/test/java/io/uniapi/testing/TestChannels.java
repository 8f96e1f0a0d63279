package io.uniapi.testing;

import io.uniapi.config.Channel;
import io.uniapi.config.ConfigException;
import io.uniapi.config.ConfigLoader;
import io.uniapi.config.EnvExpander;
import io.uniapi.config.SnapshotCompiler;
import io.uniapi.providers.AttemptTarget;

import java.util.List;

/** Channels compiled from YAML exactly as the service compiles them, for tests of pure translators. */
public final class TestChannels {
    private TestChannels() {
    }

    /** The first channel of a {@code providers:} list given as YAML (an {@code api_keys} section is added). */
    public static Channel channel(String providersYaml) {
        try {
            var parsed = new ConfigLoader(new EnvExpander(name -> null))
                    .load(providersYaml + "\napi_keys:\n  - api: sk-test-client\n");
            return new SnapshotCompiler().compile(parsed.config(), name -> List.of(), 1, "test").channels().get(0);
        } catch (ConfigException e) {
            throw new AssertionError("bad test config: " + e.getMessage(), e);
        }
    }

    /** An attempt on {@code channel} for the model the client calls {@code alias}, with the channel's first key. */
    public static AttemptTarget target(Channel channel, String alias) {
        var model = channel.model(alias).orElseThrow(() -> new AssertionError("channel has no model " + alias));
        String key = channel.config().apiKeys().isEmpty() ? null : channel.config().apiKeys().get(0);
        return new AttemptTarget(channel, model, key);
    }
}
