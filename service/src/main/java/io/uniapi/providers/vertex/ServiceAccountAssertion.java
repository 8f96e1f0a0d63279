package io.uniapi.providers.vertex;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.uniapi.config.GoogleCloud;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * The signed JWT a service account presents to Google's token endpoint (OAuth 2.0 JWT bearer grant, RFC 7523):
 * RS256 over {@code iss} = the account's e-mail, {@code scope} = cloud-platform, {@code aud} = the token endpoint,
 * {@code iat} = now and {@code exp} = one hour later (Google's maximum).
 */
final class ServiceAccountAssertion {
    static final String SCOPE = "https://www.googleapis.com/auth/cloud-platform";
    static final Duration LIFETIME = Duration.ofHours(1);

    private ServiceAccountAssertion() {
    }

    static String sign(GoogleCloud.ServiceAccount account, Instant now) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(account.clientEmail())
                .audience(account.tokenUrl().toString())
                .claim("scope", SCOPE)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new RSASSASigner(account.privateKey()));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign with the service account key of " + account.clientEmail(), e);
        }
        return jwt.serialize();
    }
}
