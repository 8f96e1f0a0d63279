package io.uniapi.providers.openai;

import java.net.URI;
import java.util.List;

/**
 * Endpoint URLs of an OpenAI-compatible upstream from its {@code base_url} (behaviour reference §4.2). uni-api users
 * write the full {@code …/v1/chat/completions} URL; a bare prefix such as {@code https://host/v1} works too.
 */
public final class OpenAiUrls {
    private static final List<String> KNOWN_SUFFIXES = List.of("/chat/completions", "/images/generations",
            "/images/edits", "/audio/transcriptions", "/moderations", "/embeddings", "/audio/speech",
            "/responses/compact", "/responses", "/messages", "/models");

    private OpenAiUrls() {
    }

    public static URI chat(String baseUrl) {
        return URI.create(prefix(baseUrl) + "/chat/completions" + query(baseUrl));
    }

    public static URI models(String baseUrl) {
        String prefix = prefix(baseUrl);
        if (prefix.endsWith("/v1/messages") || baseUrl.contains("/v1/messages")) {
            return URI.create(URI.create(baseUrl).resolve("/v1/models").toString());
        }
        return URI.create(prefix + "/models" + query(baseUrl));
    }

    /** The base without a known endpoint suffix, trailing slash or query: {@code https://api.openai.com/v1}. */
    static String prefix(String baseUrl) {
        String url = baseUrl.trim();
        int q = url.indexOf('?');
        if (q >= 0) {
            url = url.substring(0, q);
        }
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        for (String suffix : KNOWN_SUFFIXES) {
            if (url.endsWith(suffix)) {
                return url.substring(0, url.length() - suffix.length());
            }
        }
        return url;
    }

    private static String query(String baseUrl) {
        int q = baseUrl.indexOf('?');
        return q >= 0 ? baseUrl.substring(q).trim() : "";
    }
}
