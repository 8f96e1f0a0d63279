package io.uniapi.stats;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/** Tells "the database is not there right now" (wait and retry) from "the database refuses this" (give up). */
final class DatabaseFailures {
    private DatabaseFailures() {
    }

    /**
     * The tables or columns are not there (a database that was recreated, or migrations not applied yet): SQLSTATE
     * 42S02/42S04 (H2: table not found), 42S22 (H2: column not found), 42P01 and 42703 (PostgreSQL).
     */
    static boolean isSchemaMissing(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().matches("42S0[24]|42S22") || sql.getSQLState().matches("42P01|42703"))) {
                return true;
            }
        }
        return false;
    }

    static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof SQLNonTransientConnectionException || t instanceof IOException
                    || t instanceof org.jdbi.v3.core.ConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && unavailableState(sql.getSQLState())) {
                return true;
            }
            if (t.getClass().getName().endsWith("PoolExhaustedException")) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQLSTATE classes 08 (connection), 53 (insufficient resources), 57P (PostgreSQL shut down or restarting);
     * H2's 90020 (file locked by another process) and 90098 (database closed).
     */
    private static boolean unavailableState(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P")
                || state.equals("90020") || state.equals("90098"));
    }

    /** One line for the log: the innermost message, which usually names the actual problem. */
    static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : root.getMessage().strip().replaceAll("\\s+", " ");
        return root.getClass().getSimpleName() + (message.isEmpty() ? ""
                : ": " + (message.length() > 300 ? message.substring(0, 300) + "…" : message));
    }
}
