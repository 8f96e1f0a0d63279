package io.uniapi.testing;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * A Google service account made for a test: an RSA key pair whose private half is written as in a service
 * account's JSON key file, and a fake OAuth token endpoint that accepts only assertions signed by it.
 */
public final class TestServiceAccount {
    public static final String EMAIL = "gateway@test-project.iam.gserviceaccount.com";
    private static final KeyPair KEYS = generate();

    private TestServiceAccount() {
    }

    /** The private key as PEM text, with real line breaks. */
    public static String privateKeyPem() {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(KEYS.getPrivate().getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n";
    }

    /** The PEM as it appears inside a JSON key file or a YAML double-quoted string: {@code \n} escapes. */
    public static String privateKeyEscaped() {
        return privateKeyPem().replace("\n", "\\n");
    }

    /**
     * The claims of a JWT-bearer form body, after checking its grant type and its RS256 signature against the
     * test public key; throws {@link AssertionError} otherwise.
     */
    public static JWTClaimsSet verifiedAssertion(String formBody) {
        Map<String, String> form = new HashMap<>();
        for (String pair : formBody.split("&")) {
            int eq = pair.indexOf('=');
            form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type"))) {
            throw new AssertionError("unexpected grant_type: " + form.get("grant_type"));
        }
        try {
            SignedJWT jwt = SignedJWT.parse(form.get("assertion"));
            if (!"RS256".equals(jwt.getHeader().getAlgorithm().getName())
                    || !jwt.verify(new RSASSAVerifier((RSAPublicKey) KEYS.getPublic()))) {
                throw new AssertionError("the assertion is not signed RS256 with the service account key");
            }
            return jwt.getJWTClaimsSet();
        } catch (java.text.ParseException | com.nimbusds.jose.JOSEException e) {
            throw new AssertionError("not a signed JWT: " + form.get("assertion"), e);
        }
    }

    /** A token endpoint: verifies the assertion (400 {@code invalid_grant} if it does not verify), issues {@code token}. */
    public static FakeUpstream.Responder tokenEndpoint(String token, int expiresIn) {
        return (request, exchange) -> {
            try {
                verifiedAssertion(request.body());
            } catch (AssertionError e) {
                exchange.json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT Signature.\"}");
                return;
            }
            exchange.json(200, "{\"access_token\":\"" + token + "\",\"expires_in\":" + expiresIn
                    + ",\"token_type\":\"Bearer\"}");
        };
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
