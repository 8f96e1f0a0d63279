package io.uniapi.providers.azure;

import java.net.URI;

/**
 * Azure OpenAI chat URLs (behaviour reference §5.6; https://learn.microsoft.com/azure/ai-services/openai/reference).
 * A resource endpoint ({@code https://x.openai.azure.com}) gets the deployment path
 * {@code /openai/deployments/<deployment>/chat/completions}; a base that already names its endpoint
 * ({@code …/models/chat/completions} of Azure AI Foundry, {@code …/openai/deployments/…/chat/completions}) is used as
 * written; the keyless-version v1 API ({@code …/openai/v1}) gets {@code /chat/completions} and no
 * {@code api-version}. Every other form carries {@code api-version}: the base's own when it has one, else
 * {@link #DEFAULT_API_VERSION}.
 */
final class AzureUrls {
    /**
     * The newest generally available data-plane version, as uni-api's README documents. (uni-api's code used
     * {@code 2025-01-01-preview}; preview versions are retired on short notice, so the GA one is the safer default.)
     */
    static final String DEFAULT_API_VERSION = "2024-10-21";

    private AzureUrls() {
    }

    static URI chat(String baseUrl, String deployment) {
        String base = baseUrl.trim();
        int q = base.indexOf('?');
        String query = q >= 0 ? base.substring(q + 1) : "";
        String path = q >= 0 ? base.substring(0, q) : base;
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.endsWith("/openai/v1")) {
            return URI.create(path + "/chat/completions" + (query.isEmpty() ? "" : "?" + query));
        }
        if (!path.endsWith("/chat/completions")) {
            URI parsed = URI.create(path);
            path = parsed.getScheme() + "://" + parsed.getRawAuthority() + "/openai/deployments/" + deployment
                    + "/chat/completions";
        }
        if (!query.contains("api-version=")) {
            query = query.isEmpty() ? "api-version=" + DEFAULT_API_VERSION : query + "&api-version=" + DEFAULT_API_VERSION;
        }
        return URI.create(path + "?" + query);
    }
}
