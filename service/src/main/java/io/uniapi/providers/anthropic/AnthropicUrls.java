package io.uniapi.providers.anthropic;

import java.net.URI;

/**
 * Anthropic endpoints from a channel's {@code base_url}: uni-api users write the full {@code …/v1/messages} URL,
 * which is used as it is; a bare host or a {@code …/v1} prefix gets the path appended.
 */
final class AnthropicUrls {
    private AnthropicUrls() {
    }

    static URI messages(String baseUrl) {
        String url = stripSlashes(baseUrl);
        if (url.endsWith("/messages")) {
            return URI.create(url);
        }
        return URI.create(url.endsWith("/v1") ? url + "/messages" : url + "/v1/messages");
    }

    /** The model list: {@code /v1/models} on the same host (behaviour reference §4.3), as many as one page holds. */
    static URI models(String baseUrl) {
        return URI.create(stripSlashes(baseUrl)).resolve("/v1/models?limit=1000");
    }

    private static String stripSlashes(String baseUrl) {
        String url = baseUrl.trim();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        return url;
    }
}
