package io.uniapi.config;

/** One thing wrong with {@code api.yaml}: where ({@code providers[2].api}) and why, in words a person can act on. */
public record ConfigProblem(String path, String reason) {
    @Override
    public String toString() {
        return path.isEmpty() ? reason : path + ": " + reason;
    }
}
