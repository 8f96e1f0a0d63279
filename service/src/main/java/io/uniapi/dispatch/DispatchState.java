package io.uniapi.dispatch;

import io.uniapi.state.Cooldowns;
import io.uniapi.state.KeyCursors;
import io.uniapi.state.RouteCircuit;

/** The runtime state the dispatcher reads and changes; it outlives config reloads (see package {@code state}). */
public record DispatchState(KeyCursors keyCursors, Cooldowns cooldowns, RouteCircuit circuit) {
}
