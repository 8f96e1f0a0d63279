package io.uniapi.dispatch;

import io.uniapi.config.ChannelPolicy;
import io.uniapi.routing.Candidate;
import io.uniapi.state.Cooldowns;
import io.uniapi.state.RouteCircuit;
import io.uniapi.telemetry.GatewayListener;

import java.time.Duration;

/**
 * Carries out a {@link FailureDecision} on the runtime state: cools the (channel, model) down when the request had a
 * choice of channels and the channel's {@code cooldown_period} is not 0; benches the key when the channel has several
 * keys; counts 403/404 towards the route's circuit; gives back the key's rate-limit token when the call never
 * reached the upstream. A success closes the route's circuit.
 */
final class Penalties {
    private final Cooldowns cooldowns;
    private final RouteCircuit circuit;
    private final KeyPicker keys;

    Penalties(Cooldowns cooldowns, RouteCircuit circuit, KeyPicker keys) {
        this.cooldowns = cooldowns;
        this.circuit = circuit;
        this.keys = keys;
    }

    void succeeded(Candidate candidate) {
        circuit.succeeded(candidate.channel().name(), candidate.model().upstream());
    }

    void apply(RequestContext context, AttemptRing ring, AttemptRing.Slot slot, Failure failure, FailureDecision decision) {
        Candidate candidate = slot.candidate();
        ChannelPolicy policy = slot.policy();
        String provider = candidate.channel().name();
        GatewayListener listener = context.listener();
        if (decision.coolChannel() && ring.size() > 1 && !policy.cooldown().isZero()) {
            cooldowns.coolChannel(provider, candidate.model().alias(), policy.cooldown());
            ring.skip(slot);
            listener.channelCooledDown(provider, candidate.model().alias(), policy.cooldown());
        }
        if (decision.circuitHit() && circuit.failed(provider, candidate.model().upstream())) {
            listener.circuitOpened(provider, candidate.model().upstream());
        }
        if (slot.keyIndex() >= 0 && policy.keyIds().size() > 1) {
            Duration bench = benchPeriod(policy, decision);
            if (bench != null && !bench.isZero()) {
                cooldowns.benchKey(provider, policy.keyIds().get(slot.keyIndex()), bench);
                listener.keyBenched(provider, decision.keyBench().name().toLowerCase(java.util.Locale.ROOT), bench);
            }
        }
        if (failure.kind() == Failure.Kind.CONNECT) {
            keys.refund(candidate.channel(), policy, slot.keyIndex(), candidate.model().upstream());
        }
    }

    private static Duration benchPeriod(ChannelPolicy policy, FailureDecision decision) {
        return switch (decision.keyBench()) {
            case NONE -> null;
            case QUOTA -> policy.keyQuotaCooldown();
            case RATE_LIMITED -> decision.waitHint() != null && decision.waitHint().compareTo(policy.keyRateLimitCooldown()) > 0
                    ? decision.waitHint() : policy.keyRateLimitCooldown();
            case FAILED -> policy.keyCooldown();
        };
    }
}
