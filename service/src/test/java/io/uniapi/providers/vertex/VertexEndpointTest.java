package io.uniapi.providers.vertex;

import io.uniapi.config.Channel;
import io.uniapi.config.ConfigLoader;
import io.uniapi.config.EnvExpander;
import io.uniapi.config.ModelEntry;
import io.uniapi.config.Snapshot;
import io.uniapi.config.SnapshotCompiler;
import io.uniapi.http.UpstreamResponse;
import io.uniapi.providers.AttemptTarget;
import io.uniapi.testing.TestServiceAccount;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Golden URLs of Vertex AI calls (behaviour reference §5.4, checklist 61 and 62). */
class VertexEndpointTest {
    final GoogleAccessTokens tokens = new GoogleAccessTokens((request, timeout) -> new UpstreamResponse(200, Map.of(),
            "{\"access_token\":\"ya29.t\",\"expires_in\":3600}".getBytes()), Clock.systemUTC());

    @Test
    void globalRegionUsesTheGlobalHost() throws Exception {
        VertexEndpoint endpoint = VertexEndpoint.resolve(target(channel("region: global"), "global"), "google",
                "generateContent", false, tokens);

        assertThat(endpoint.url()).hasToString("https://aiplatform.googleapis.com/v1/projects/p/locations/global"
                + "/publishers/google/models/m:generateContent");
        assertThat(endpoint.headers()).containsEntry("Authorization", "Bearer ya29.t");
    }

    @Test
    void aRegionUsesItsRegionalHostAndClaudeItsPublisher() throws Exception {
        VertexEndpoint endpoint = VertexEndpoint.resolve(target(channel("region: us-east5"), "us-east5"), "anthropic",
                "streamRawPredict", false, tokens);

        assertThat(endpoint.url()).hasToString("https://us-east5-aiplatform.googleapis.com/v1/projects/p/locations/us-east5"
                + "/publishers/anthropic/models/m:streamRawPredict");
    }

    @Test
    void regionsDefaultToGlobalAndFormTheKeyPool() throws Exception {
        assertThat(channel("").keyPool()).containsExactly("global");
        assertThat(channel("region: us-central1, europe-west4").keyPool()).containsExactly("us-central1", "europe-west4");
    }

    @Test
    void anExpressKeyUsesTheGlobalPublisherPath() throws Exception {
        Channel express = compile("""
                providers:
                  - provider: x
                    engine: vertex-gemini
                    base_url: https://aiplatform.googleapis.com/
                    api: AQ.abc
                    model: [m]
                api_keys:
                  - api: sk-1
                """);
        VertexEndpoint endpoint = VertexEndpoint.resolve(target(express, "AQ.abc"), "google", "generateContent", false, tokens);

        assertThat(endpoint.url()).hasToString("https://aiplatform.googleapis.com/v1/publishers/google/models/m:generateContent?key=AQ.abc");
        assertThat(endpoint.headers()).isEmpty();
    }

    static AttemptTarget target(Channel channel, String key) {
        return new AttemptTarget(channel, new ModelEntry("m", "m"), key);
    }

    static Channel channel(String regionLine) throws Exception {
        return compile("""
                providers:
                  - provider: v
                    project_id: p
                    client_email: %s
                    private_key: "%s"
                    %s
                    model: [m]
                api_keys:
                  - api: sk-1
                """.formatted(TestServiceAccount.EMAIL, TestServiceAccount.privateKeyEscaped(), regionLine));
    }

    static Channel compile(String yaml) throws Exception {
        var parsed = new ConfigLoader(new EnvExpander(name -> null)).load(yaml);
        Snapshot snapshot = new SnapshotCompiler().compile(parsed.config(), name -> List.of(), 1, "test");
        return snapshot.channels().get(0);
    }

}
