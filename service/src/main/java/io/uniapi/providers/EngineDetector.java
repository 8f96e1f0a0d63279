package io.uniapi.providers;

import io.uniapi.config.ProviderConfig;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Which wire format a channel speaks for a model, as uni-api decides it (behaviour reference §4.1): an explicit
 * {@code engine:} wins; otherwise the {@code base_url} host and path decide. uni-api then switches any channel whose
 * model name lacks a known family to the OpenRouter dialect; here that applies only to generic OpenAI-compatible
 * hosts, so an Azure deployment called {@code prod-chat} stays Azure (reference bug §10.18, fixed).
 */
public final class EngineDetector {
    private static final List<String> KNOWN_FAMILIES = List.of("claude", "gpt", "deepseek", "gemini", "gemma", "learnlm", "grok");

    private EngineDetector() {
    }

    public static String detect(ProviderConfig provider, String upstreamModel) {
        String model = upstreamModel == null ? "" : upstreamModel.toLowerCase(Locale.ROOT);
        if (provider.engine() != null) {
            return refineVertex(provider.engine().toLowerCase(Locale.ROOT), model);
        }
        if (provider.raw().hasNonNull("project_id") && !provider.baseUrl().contains("google-vertex-ai")) {
            return refineVertex("vertex", model);
        }
        if (provider.raw().hasNonNull("cf_account_id")) {
            return "cloudflare";
        }
        URI uri = parse(provider.baseUrl());
        String host = uri == null || uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        String path = uri == null || uri.getPath() == null ? "" : uri.getPath();
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (trimmed.endsWith("/v1beta") || (host.equals("generativelanguage.googleapis.com") && !path.contains("/openai"))) {
            return "gemini";
        }
        if (host.endsWith("aiplatform.googleapis.com") || path.contains("aiplatform.googleapis.com")
                || (host.endsWith("gateway.ai.cloudflare.com") && path.contains("google-vertex-ai"))) {
            return refineVertex("vertex", model);
        }
        if (host.endsWith("azuredatabricks.net")) {
            return "azure-databricks";
        }
        if (host.endsWith("azure.com") && !host.equals("models.inference.ai.azure.com")) {
            return "azure";
        }
        if (host.equals("api.cloudflare.com")) {
            return "cloudflare";
        }
        if (host.equals("api.anthropic.com") || trimmed.endsWith("v1/messages")) {
            return "claude";
        }
        if (host.contains("amazonaws.com")) {
            return "aws";
        }
        if (host.equals("api.cohere.com")) {
            return "cohere";
        }
        // OpenAI's own API speaks plain OpenAI for every model (o3-mini has none of the family names).
        if (host.equals("api.openai.com")) {
            return "gpt";
        }
        return KNOWN_FAMILIES.stream().anyMatch(model::contains) ? "gpt" : "openrouter";
    }

    private static String refineVertex(String engine, String model) {
        if (!engine.equals("vertex")) {
            return engine;
        }
        return model.contains("claude") ? "vertex-claude" : "vertex-gemini";
    }

    private static URI parse(String url) {
        try {
            return url == null || url.isBlank() ? null : URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
