package io.uniapi.http;

import java.net.URI;
import java.util.Map;

/**
 * One HTTP call to an upstream, as a provider engine describes it. Engines build these; only this package
 * performs them.
 *
 * @param headers request headers (in order); the body's content type is included here
 * @param proxy   a proxy URL such as {@code socks5://user:pass@host:1080} or {@code http://host:3128}, or null
 */
public record UpstreamRequest(String method, URI uri, Map<String, String> headers, byte[] body, String proxy) {

    public static UpstreamRequest postJson(URI uri, Map<String, String> headers, byte[] body, String proxy) {
        return new UpstreamRequest("POST", uri, headers, body, proxy);
    }

    public static UpstreamRequest get(URI uri, Map<String, String> headers, String proxy) {
        return new UpstreamRequest("GET", uri, headers, null, proxy);
    }
}
