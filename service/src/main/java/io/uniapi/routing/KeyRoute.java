package io.uniapi.routing;

import io.uniapi.config.ClientKey;

import java.util.List;

/**
 * Another client key used as a channel ({@code sk-…/*}): its routes, in its own rule order. uni-api sends such a
 * request over HTTP back to itself; here it is resolved in-process and ordered with the inner key's own scheduling
 * algorithm, so grouping channels under a key (e.g. {@code random} over two channels, as one entry of a
 * {@code fixed_priority} key) works the same without the extra hop.
 */
public record KeyRoute(ClientKey key, List<Route> routes, int weight) implements Route {
}
