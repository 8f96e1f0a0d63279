package io.uniapi.images;

import java.util.Locale;

/**
 * A base64 {@code data:} URL, as clients put images in {@code image_url} parts. Engines map it to their provider's
 * image block.
 *
 * @param mediaType lower-case, {@code image/jpg} normalised to {@code image/jpeg}
 * @param base64    the payload, still encoded
 */
public record DataUrl(String mediaType, String base64) {

    /** The data URL in {@code url}, or null when {@code url} is not a base64 data URL. */
    public static DataUrl parseOrNull(String url) {
        if (url == null || !url.regionMatches(true, 0, "data:", 0, 5)) {
            return null;
        }
        int comma = url.indexOf(',');
        if (comma < 0) {
            return null;
        }
        String meta = url.substring(5, comma);
        if (!meta.toLowerCase(Locale.ROOT).endsWith(";base64")) {
            return null;
        }
        String type = meta.substring(0, meta.length() - ";base64".length()).trim().toLowerCase(Locale.ROOT);
        int parameters = type.indexOf(';');
        if (parameters >= 0) {
            type = type.substring(0, parameters);
        }
        return new DataUrl(type.equals("image/jpg") ? "image/jpeg" : type, url.substring(comma + 1).trim());
    }

    public String toUrl() {
        return "data:" + mediaType + ";base64," + base64;
    }
}
