package io.uniapi.config;

/** One model a channel offers: the name the upstream knows, and the alias clients ask for (equal when not renamed). */
public record ModelEntry(String upstream, String alias) {
    public boolean renamed() {
        return !upstream.equals(alias);
    }
}
