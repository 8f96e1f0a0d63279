package io.uniapi.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A Vertex AI channel's Google Cloud settings, compiled from {@code project_id}, {@code region},
 * {@code client_email}, {@code private_key} and {@code token_url}. Settings that cannot be used (an unreadable key)
 * are left out and reported by {@link #problems}.
 *
 * @param regions        one or more locations ({@code region: us-central1}, a list, or a comma-separated string;
 *                       default {@code global}); with a service account they are the channel's key pool, so
 *                       requests rotate over them and each one cools down on its own
 * @param serviceAccount the credentials to sign OAuth assertions with, or null (Vertex Express keys in {@code api})
 */
public record GoogleCloud(String projectId, List<String> regions, ServiceAccount serviceAccount) {
    /** Google's OAuth 2.0 token endpoint, the default {@code token_url}. */
    public static final URI GOOGLE_TOKEN_URL = URI.create("https://oauth2.googleapis.com/token");
    private static final Pattern REGION = Pattern.compile("[a-z0-9-]+");

    /**
     * A service account: its e-mail (the JWT issuer), its RSA key, and where assertions are exchanged for tokens.
     *
     * @param cacheKey identifies the account, key and endpoint (with a fingerprint of the key, never the key), so
     *                 that tokens survive reloads that do not change them
     */
    public record ServiceAccount(String clientEmail, RSAPrivateKey privateKey, URI tokenUrl, String cacheKey) {
        public ServiceAccount(String clientEmail, RSAPrivateKey privateKey, URI tokenUrl) {
            this(clientEmail, privateKey, tokenUrl, tokenUrl + "|" + clientEmail + "|"
                    + Fingerprint.of(Base64.getEncoder().encodeToString(privateKey.getEncoded())));
        }

        @Override
        public String toString() {
            return "ServiceAccount[" + clientEmail + "]";
        }
    }

    /** The compiled settings of a provider with {@code project_id} (or a service account), else null. */
    public static GoogleCloud of(ProviderConfig provider) {
        return compile(provider, new ArrayList<>());
    }

    /**
     * What a channel's attempts rotate over, pick one of, and cool down or rate-limit one by one: its upstream keys,
     * or, for a Vertex AI channel with a service account (which has no keys), its regions.
     *
     * @param cloud the provider's compiled settings ({@link #of}), or null
     */
    public static List<String> keyPool(ProviderConfig provider, GoogleCloud cloud) {
        return cloud != null && cloud.serviceAccount() != null ? cloud.regions() : provider.apiKeys();
    }

    /**
     * What is wrong with the provider's Google Cloud keys. uni-api loads such a file (its README example has a
     * placeholder key), so these are {@link TolerableProblems}: the provider's requests fail until it is fixed.
     */
    public static List<ConfigProblem> problems(ProviderConfig provider) {
        List<ConfigProblem> problems = new ArrayList<>();
        compile(provider, problems);
        return problems;
    }

    private static GoogleCloud compile(ProviderConfig provider, List<ConfigProblem> problems) {
        String project = provider.rawString("project_id");
        String email = provider.rawString("client_email");
        String key = provider.rawString("private_key");
        if (project == null && email == null && key == null) {
            return null;
        }
        List<String> regions = regions(provider, problems);
        ServiceAccount account = null;
        if (email != null || key != null) {
            if (email == null || email.isBlank() || key == null || key.isBlank()) {
                problems.add(new ConfigProblem(provider.path(), "a Vertex AI service account needs both 'client_email'"
                        + " and 'private_key' (from the service account's JSON key file)"));
            } else {
                RSAPrivateKey privateKey = privateKey(key, NodeReader.child(provider.path(), "private_key"), problems);
                URI tokenUrl = tokenUrl(provider, problems);
                if (privateKey != null && tokenUrl != null) {
                    account = new ServiceAccount(email.trim(), privateKey, tokenUrl);
                }
            }
            if (project == null || project.isBlank()) {
                problems.add(new ConfigProblem(NodeReader.child(provider.path(), "project_id"),
                        "missing (required with a service account: the Google Cloud project id)"));
            }
        }
        return new GoogleCloud(project == null ? "" : project.trim(), regions, account);
    }

    private static List<String> regions(ProviderConfig provider, List<ConfigProblem> problems) {
        JsonNode node = provider.raw().get("region");
        String path = NodeReader.child(provider.path(), "region");
        List<String> regions = new ArrayList<>();
        if (node == null || node.isNull()) {
            return List.of("global");
        }
        if (node.isArray()) {
            node.forEach(item -> regions.add(item.asText("").trim()));
        } else if (node.isValueNode()) {
            for (String part : node.asText().split(",")) {
                regions.add(part.trim());
            }
        }
        for (String region : regions) {
            if (!REGION.matcher(region).matches()) {
                problems.add(new ConfigProblem(path, "'" + region + "' (expected a Google Cloud location such as"
                        + " us-central1, europe-west4 or global, or a list of them)"));
            }
        }
        if (regions.isEmpty()) {
            problems.add(new ConfigProblem(path, NodeReader.describe(node) + " (expected a location or a list of them)"));
        }
        return List.copyOf(regions);
    }

    private static URI tokenUrl(ProviderConfig provider, List<ConfigProblem> problems) {
        String text = provider.rawString("token_url");
        if (text == null || text.isBlank()) {
            return GOOGLE_TOKEN_URL;
        }
        try {
            URI uri = URI.create(text.trim());
            if (uri.getHost() != null && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        problems.add(new ConfigProblem(NodeReader.child(provider.path(), "token_url"), "'" + text
                + "' (expected an http(s) URL of an OAuth 2.0 token endpoint, e.g. " + GOOGLE_TOKEN_URL + ")"));
        return null;
    }

    /** A PKCS#8 PEM key as in a service account's JSON file; literal {@code \n} sequences are accepted. */
    private static RSAPrivateKey privateKey(String pem, String path, List<ConfigProblem> problems) {
        String text = pem.replace("\\n", "\n").trim();
        if (text.contains("BEGIN RSA PRIVATE KEY")) {
            problems.add(new ConfigProblem(path, "a PKCS#1 key (expected the PKCS#8 '-----BEGIN PRIVATE KEY-----'"
                    + " of the service account's JSON key file)"));
            return null;
        }
        String base64 = text.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IllegalArgumentException | GeneralSecurityException | ClassCastException e) {
            problems.add(new ConfigProblem(path, "not a readable RSA private key (expected the PEM text of"
                    + " 'private_key' from the service account's JSON key file)"));
            return null;
        }
    }
}
