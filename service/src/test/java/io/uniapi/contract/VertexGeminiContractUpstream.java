package io.uniapi.contract;

import io.uniapi.testing.FakeUpstream;
import io.uniapi.testing.RecordedRequest;
import io.uniapi.testing.TestServiceAccount;

import java.util.List;

/**
 * Gemini on Vertex AI with a service account: the same strict Gemini fake at Vertex AI's publisher-model path,
 * plus a token endpoint that verifies the account's signed assertions; chat calls must carry its token.
 */
public final class VertexGeminiContractUpstream extends GeminiContractUpstream {
    static final String TOKEN = "ya29.contract-token";

    @Override
    public String providerYaml(String name, FakeUpstream upstream, List<String> models) {
        upstream.on("POST /token", TestServiceAccount.tokenEndpoint(TOKEN, 3600));
        return vertexYaml(name, upstream, models);
    }

    static String vertexYaml(String name, FakeUpstream upstream, List<String> models) {
        return """
                - provider: %s
                  base_url: %s
                  project_id: contract-project
                  client_email: %s
                  private_key: "%s"
                  token_url: %s
                  region: us-central1
                  model: [%s]
                """.formatted(name, upstream.baseUrl(), TestServiceAccount.EMAIL, TestServiceAccount.privateKeyEscaped(),
                upstream.url("/token"), braces(models));
    }

    @Override
    protected String chatPath(String method) {
        return "/v1/projects/contract-project/locations/us-central1/publishers/google/models/" + upstreamModel() + ":" + method;
    }

    @Override
    protected String authProblem(RecordedRequest request) {
        return ("Bearer " + TOKEN).equals(request.header("Authorization")) ? null
                : "Request had invalid authentication credentials.";
    }

    @Override
    public void answer(FakeUpstream upstream, Script script) {
        upstream.on("POST /token", TestServiceAccount.tokenEndpoint(TOKEN, 3600));
        super.answer(upstream, script);
    }
}
