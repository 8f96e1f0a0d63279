package io.uniapi.images;

import java.util.Base64;

/** The image types every engine accepts (PNG, JPEG, WebP), recognised by their first bytes, never by a claimed type. */
enum ImageFormat {
    PNG("image/png"), JPEG("image/jpeg"), WEBP("image/webp");

    private final String mediaType;

    ImageFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    String mediaType() {
        return mediaType;
    }

    /** The format of these bytes, or null for anything else (GIF, SVG, HTML error pages…). */
    static ImageFormat sniff(byte[] head) {
        if (startsWith(head, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return PNG;
        }
        if (startsWith(head, 0xFF, 0xD8, 0xFF)) {
            return JPEG;
        }
        if (head.length >= 12 && startsWith(head, 'R', 'I', 'F', 'F') && head[8] == 'W' && head[9] == 'E'
                && head[10] == 'B' && head[11] == 'P') {
            return WEBP;
        }
        return null;
    }

    /** The format of a base64 payload, decoding only its first bytes. */
    static ImageFormat sniffBase64(String base64) {
        String head = base64.substring(0, Math.min(base64.length(), 16));
        try {
            return sniff(Base64.getMimeDecoder().decode(head));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
