package io.uniapi.stats;

import io.dropwizard.db.DataSourceFactory;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which database statistics go to. In order: {@code DISABLE_DATABASE=true} (or {@code stats.enabled: false}) turns
 * persistence off; an explicit {@code database:} section wins; otherwise uni-api's environment variables choose:
 * {@code DB_TYPE=postgres} with {@code DB_HOST}, {@code DB_PORT}, {@code DB_NAME}, {@code DB_USER},
 * {@code DB_PASSWORD}, or (the default, {@code DB_TYPE=sqlite}) an embedded H2 file at {@code DB_PATH} (default
 * {@code ./data/stats.db}, stored as {@code ./data/stats.mv.db}: uni-api's SQLite file itself is not read).
 */
public final class StatsDatabase {
    static final String DEFAULT_DB_PATH = "./data/stats.db";

    private StatsDatabase() {
    }

    /** The database to use, or empty when persistence is off. */
    public static Optional<DataSourceFactory> resolve(DataSourceFactory explicit, StatsFactory stats,
                                                      Function<String, String> env) {
        if (disabled(stats, env)) {
            return Optional.empty();
        }
        return Optional.of(configured(explicit, env));
    }

    /** uni-api disables the database only for the literal {@code true}, in any case. */
    public static boolean disabled(StatsFactory stats, Function<String, String> env) {
        String disable = env.apply("DISABLE_DATABASE");
        return !stats.isEnabled() || (disable != null && disable.trim().equalsIgnoreCase("true"));
    }

    /** The database named by the config or the environment, even when persistence is off ({@code db migrate}). */
    public static DataSourceFactory configured(DataSourceFactory explicit, Function<String, String> env) {
        if (explicit != null && explicit.getUrl() != null) {
            return explicit;
        }
        String type = value(env, "DB_TYPE", "sqlite").toLowerCase(Locale.ROOT);
        return switch (type) {
            case "sqlite", "h2" -> h2(value(env, "DB_PATH", DEFAULT_DB_PATH));
            case "postgres", "postgresql" -> postgres(env);
            default -> throw new IllegalArgumentException("DB_TYPE=" + type
                    + " (expected sqlite, which means the embedded H2 database here, or postgres)");
        };
    }

    static DataSourceFactory h2(String dbPath) {
        StatsDataSourceFactory factory = new StatsDataSourceFactory();
        factory.setDriverClass("org.h2.Driver");
        // DB_CLOSE_ON_EXIT=FALSE: H2's own shutdown hook must not close the file before the writer has flushed.
        factory.setUrl("jdbc:h2:file:" + h2File(dbPath) + ";DB_CLOSE_ON_EXIT=FALSE");
        factory.setUser("sa");
        factory.setPassword("");
        return factory;
    }

    /** H2 wants the file name without its extension and relative paths spelt {@code ./…}. */
    static String h2File(String dbPath) {
        String path = dbPath.trim();
        for (String extension : new String[] {".mv.db", ".sqlite3", ".sqlite", ".db"}) {
            if (path.endsWith(extension)) {
                path = path.substring(0, path.length() - extension.length());
                break;
            }
        }
        boolean relative = !path.startsWith("/") && !path.startsWith("~") && !path.startsWith(".")
                && !(path.length() > 1 && path.charAt(1) == ':');
        return relative ? "./" + path : path;
    }

    private static DataSourceFactory postgres(Function<String, String> env) {
        StatsDataSourceFactory factory = new StatsDataSourceFactory();
        factory.setDriverClass("org.postgresql.Driver");
        factory.setUrl("jdbc:postgresql://" + value(env, "DB_HOST", "localhost") + ":" + value(env, "DB_PORT", "5432")
                + "/" + value(env, "DB_NAME", "postgres"));
        factory.setUser(value(env, "DB_USER", "postgres"));
        factory.setPassword(value(env, "DB_PASSWORD", "mysecretpassword"));
        // Fail a dead connection instead of hanging on it: the writer retries, requests never wait for it.
        factory.setProperties(Map.of("connectTimeout", "10", "socketTimeout", "60",
                "ApplicationName", "uni-api"));
        return factory;
    }

    private static String value(Function<String, String> env, String name, String fallback) {
        String value = env.apply(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
