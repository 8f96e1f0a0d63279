package io.uniapi.dispatch;

import io.uniapi.config.ChannelPolicy;
import io.uniapi.config.DispatchPolicies;
import io.uniapi.routing.Candidate;

import java.time.Duration;
import java.util.List;

/**
 * The candidates of one request as a ring that attempts walk around (behaviour reference §6.2): attempt k goes to
 * the next candidate after attempt k-1, wrapping, so a budget larger than the number of candidates retries them
 * (with other keys). A candidate that cooled down during this request, or whose keys are all benched or
 * rate-limited, is passed over for the rest of it; passing over does not use up an attempt. Owned by one thread.
 */
final class AttemptRing {
    private final List<Candidate> candidates;
    private final boolean[] skipped;
    private int position;
    private Duration keysFreeIn;

    AttemptRing(List<Candidate> candidates) {
        this.candidates = candidates;
        this.skipped = new boolean[candidates.size()];
    }

    /** One attempt's target: the candidate (by ring index) and the key chosen on it. */
    record Slot(int ringIndex, Candidate candidate, ChannelPolicy policy, int keyIndex) {
        String apiKey() {
            return keyIndex < 0 ? null : candidate.channel().keyPool().get(keyIndex);
        }
    }

    /** The next candidate with a usable key, or null when none is left. */
    Slot next(KeyPicker keys, DispatchPolicies policies) {
        int n = candidates.size();
        for (int tried = 0; tried < n; tried++) {
            int index = position % n;
            position++;
            if (skipped[index]) {
                continue;
            }
            Candidate candidate = candidates.get(index);
            ChannelPolicy policy = policies.channel(candidate.channel());
            KeyPicker.KeyChoice key = keys.pick(candidate.channel(), policy, candidate.model().upstream());
            if (key.exhausted()) {
                skipped[index] = true;
                keysFreeIn = keysFreeIn == null || key.retryAfter().compareTo(keysFreeIn) < 0 ? key.retryAfter() : keysFreeIn;
                continue;
            }
            return new Slot(index, candidate, policy, key.index());
        }
        return null;
    }

    /** Passes over this candidate for the rest of the request (it cooled down). */
    void skip(Slot slot) {
        skipped[slot.ringIndex()] = true;
    }

    int size() {
        return candidates.size();
    }

    /** When candidates were passed over because all their keys were limited: how soon one frees up; else null. */
    Duration keysFreeIn() {
        return keysFreeIn;
    }
}
