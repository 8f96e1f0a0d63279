package io.uniapi.credits;

import java.time.Instant;

/** Where recorded spend and top-ups are read from (the statistics database). */
public interface SpendSource {
    /** USD spent by the key since {@code since}, over every instance that shares the database. */
    double spendSince(String keyFingerprint, Instant since);

    /** USD added with {@code /v1/add_credits} since {@code since}. */
    double topupsSince(String keyFingerprint, Instant since);

    /** Records credits added to a key. */
    void addTopup(String keyFingerprint, double amount, Instant at);
}
