package io.uniapi.config;

import java.util.List;
import java.util.stream.Collectors;

/** The configuration cannot be used; {@link #problems()} says where and why. */
public final class ConfigException extends Exception {
    private final transient List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public ConfigException(String path, String reason) {
        this(List.of(new ConfigProblem(path, reason)));
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
