package io.uniapi.stats;

/** Makes text fit its column: a row the database rejects would hold up every row behind it. */
final class Columns {
    private Columns() {
    }

    static String text(String value, int maxLength) {
        if (value == null) {
            return null;
        }
        String clean = value.indexOf('\0') >= 0 ? value.replace("\0", "") : value;
        return clean.length() <= maxLength ? clean : clean.substring(0, maxLength);
    }
}
