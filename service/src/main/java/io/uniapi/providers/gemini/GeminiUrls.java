package io.uniapi.providers.gemini;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Endpoint URLs of Google AI Studio's Gemini API from a channel's {@code base_url}: the part before {@code /models}
 * (e.g. {@code https://generativelanguage.googleapis.com/v1beta}) plus {@code /models/<model>:generateContent} or
 * {@code :streamGenerateContent?alt=sse}, and the model list. A query string in {@code base_url} is kept.
 */
final class GeminiUrls {
    private GeminiUrls() {
    }

    static URI chat(String baseUrl, String model, boolean stream) {
        String path = prefix(baseUrl) + "/" + modelPath(model) + (stream ? ":streamGenerateContent" : ":generateContent");
        return URI.create(withQuery(path, stream ? "alt=sse" : null, query(baseUrl)));
    }

    static URI models(String baseUrl, String pageToken) {
        String page = "pageSize=1000" + (pageToken == null ? ""
                : "&pageToken=" + URLEncoder.encode(pageToken, StandardCharsets.UTF_8));
        return URI.create(withQuery(prefix(baseUrl) + "/models", page, query(baseUrl)));
    }

    static GeminiDialect dialect(String baseUrl) {
        String prefix = prefix(baseUrl);
        return prefix.endsWith("/v1") || prefix.contains("/v1/") ? GeminiDialect.AI_STUDIO_V1 : GeminiDialect.AI_STUDIO_V1BETA;
    }

    /** {@code models/x} for a plain model name; tuned models ({@code tunedModels/x}) keep their own collection. */
    static String modelPath(String model) {
        return model.contains("/") ? model : "models/" + model;
    }

    /** The base without query, trailing slash and anything from {@code /models} on. */
    static String prefix(String baseUrl) {
        String url = baseUrl.trim();
        int q = url.indexOf('?');
        if (q >= 0) {
            url = url.substring(0, q);
        }
        int models = url.indexOf("/models");
        if (models > 0) {
            url = url.substring(0, models);
        }
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        return url;
    }

    private static String query(String baseUrl) {
        int q = baseUrl.indexOf('?');
        return q >= 0 ? baseUrl.substring(q + 1).trim() : "";
    }

    private static String withQuery(String path, String ours, String theirs) {
        StringBuilder url = new StringBuilder(path);
        char separator = '?';
        for (String part : new String[]{ours, theirs}) {
            if (part != null && !part.isEmpty()) {
                url.append(separator).append(part);
                separator = '&';
            }
        }
        return url.toString();
    }
}
