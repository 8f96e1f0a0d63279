package io.uniapi.contract;

import io.uniapi.testing.FakeUpstream;
import io.uniapi.testing.RecordedRequest;

import java.util.List;
import java.util.Set;

/**
 * One engine's side of the contract suite: a strict fake of the provider (it refuses, in the provider's own error
 * format, requests the real API would refuse) that answers {@link Script}s in the provider's wire format, and the
 * {@code providers:} entry pointing the gateway at it.
 */
public interface ContractUpstream {

    /** What the provider can do; scenarios needing something else are skipped (and reported as skipped). */
    enum Capability { TOOLS, PARALLEL_TOOLS, VISION, REASONING, CACHED_TOKENS, REASONING_TOKENS }

    Set<Capability> capabilities();

    /** The upstream model name the channel maps the suite's alias to (engine detection may look at it). */
    String upstreamModel();

    /**
     * The {@code providers:} list item (YAML, starting with {@code - provider: <name>}) for a channel on
     * {@code upstream} offering {@code models} (each {@code upstream-name: alias}).
     */
    String providerYaml(String name, FakeUpstream upstream, List<String> models);

    /** From now on, answer every chat call on {@code upstream} with {@code script} (after strict validation). */
    void answer(FakeUpstream upstream, Script script);

    /** The chat calls {@code upstream} received. */
    List<RecordedRequest> chatCalls(FakeUpstream upstream);

    /** The base64 payloads of the images in an upstream chat call. */
    List<String> imagesIn(RecordedRequest chatCall);

    /** The status the client should see for a provider error with this status (usually the same). */
    default int clientStatus(int providerStatus) {
        return providerStatus;
    }
}
