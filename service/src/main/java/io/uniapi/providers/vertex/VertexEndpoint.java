package io.uniapi.providers.vertex;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uniapi.config.Channel;
import io.uniapi.config.ConfigProblem;
import io.uniapi.config.GoogleCloud;
import io.uniapi.http.TransportException;
import io.uniapi.http.UpstreamRequest;
import io.uniapi.providers.AttemptTarget;
import io.uniapi.providers.UpstreamAnswerException;
import io.uniapi.providers.UpstreamError;
import io.uniapi.providers.WireJson;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where one Vertex AI call goes and how it is authenticated. With a service account:
 * {@code https://<region>-aiplatform.googleapis.com/v1/projects/<project>/locations/<region>/publishers/<publisher>/models/<model>:<method>}
 * ({@code aiplatform.googleapis.com} for {@code global}) with a bearer token; the region is the one the dispatcher
 * picked from the channel's regions for this attempt. With a Vertex Express key:
 * {@code https://aiplatform.googleapis.com/v1/publishers/<publisher>/models/<model>:<method>?key=<key>}. A
 * {@code base_url} other than Google's replaces the host part (private endpoints, gateways in front of Vertex).
 *
 * @param headers the authentication header, if any
 */
record VertexEndpoint(URI url, Map<String, String> headers) {

    static VertexEndpoint resolve(AttemptTarget target, String publisher, String method, boolean sse,
                                  GoogleAccessTokens tokens) throws TransportException, UpstreamAnswerException {
        Channel channel = target.channel();
        GoogleCloud cloud = channel.googleCloud();
        String model = "/publishers/" + publisher + "/models/" + target.upstreamModel() + ":" + method;
        if (cloud != null && cloud.serviceAccount() != null) {
            String region = target.apiKey() != null ? target.apiKey() : cloud.regions().get(0);
            URI url = URI.create(prefix(channel, region) + "/projects/" + cloud.projectId() + "/locations/" + region
                    + model + (sse ? "?alt=sse" : ""));
            String token = tokens.token(cloud.serviceAccount(), channel.proxy());
            return new VertexEndpoint(url, Map.of("Authorization", "Bearer " + token));
        }
        if (target.apiKey() == null || target.apiKey().isEmpty()) {
            List<ConfigProblem> problems = GoogleCloud.problems(channel.config());
            throw new UpstreamAnswerException(new UpstreamError(401, "Vertex AI provider '" + channel.name() + "' "
                    + (problems.isEmpty() ? "has neither a service account (client_email, private_key) nor an express"
                    + " key (api)" : "cannot use its credentials: " + problems.get(0)), null));
        }
        String key = URLEncoder.encode(target.apiKey(), StandardCharsets.UTF_8);
        return new VertexEndpoint(URI.create(prefix(channel, "global") + model + (sse ? "?alt=sse&key=" : "?key=") + key),
                Map.of());
    }

    /**
     * The JSON POST of {@code body} to this endpoint. Headers in this order: the content type, {@code accept} (none
     * when null), the authentication, then the channel's own headers, which win.
     */
    UpstreamRequest postJson(ObjectNode body, String accept, Channel channel) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Content-Type", "application/json");
        if (accept != null) {
            all.put("Accept", accept);
        }
        all.putAll(headers);
        all.putAll(channel.headers());
        return UpstreamRequest.postJson(url, all, WireJson.bytes(body), channel.proxy());
    }

    /** Google's regional host with {@code /v1}, or the configured {@code base_url} (with {@code /v1} added if missing). */
    private static String prefix(Channel channel, String region) {
        String base = channel.config().baseUrl().trim();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        URI uri = base.isEmpty() ? null : URI.create(base);
        boolean google = uri == null || uri.getHost() == null
                || uri.getHost().toLowerCase(Locale.ROOT).endsWith("aiplatform.googleapis.com");
        if (google) {
            return "global".equals(region) ? "https://aiplatform.googleapis.com/v1"
                    : "https://" + region + "-aiplatform.googleapis.com/v1";
        }
        return base.endsWith("/v1") || base.endsWith("/v1beta1") ? base : base + "/v1";
    }
}
