package io.uniapi.routing;

import io.uniapi.config.ClientKey;

import java.util.List;

/**
 * Orders a key's candidates for one request. This version implements {@code fixed_priority} (uni-api's default):
 * the rule order, every time, with failover walking forward.
 */
public final class Scheduling {

    public List<Candidate> order(ClientKey key, String model, List<Candidate> candidates) {
        return candidates;
    }
}
