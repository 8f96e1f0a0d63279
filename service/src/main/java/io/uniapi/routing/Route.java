package io.uniapi.routing;

/**
 * One entry of a client key's routing tree for a model: a channel ({@link Candidate}), or another client key used
 * as a channel ({@link KeyRoute}, rule {@code sk-…/*}) whose own entries are ordered by that key's own scheduling.
 */
public sealed interface Route permits Candidate, KeyRoute {
    /** The weight of the rule that produced this entry ({@code rule: N}), 0 when none. */
    int weight();
}
