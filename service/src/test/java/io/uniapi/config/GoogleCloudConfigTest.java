package io.uniapi.config;

import io.uniapi.testing.TestServiceAccount;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Vertex AI keys are compiled at load time: a bad one rejects the config with its path, not a request later. */
class GoogleCloudConfigTest {

    static Snapshot compile(String provider) throws ConfigException {
        var parsed = new ConfigLoader(new EnvExpander(name -> null)).load("providers:\n" + provider.indent(2)
                + "api_keys:\n  - api: sk-1\n");
        return new SnapshotCompiler().compile(parsed.config(), name -> List.of(), 1, "test");
    }

    @Test
    void aServiceAccountCompilesWithItsRegionsAndTokenUrl() throws Exception {
        Channel channel = compile("""
                - provider: v
                  project_id: p
                  client_email: %s
                  private_key: "%s"
                  region: [us-east5, europe-west1]
                  token_url: https://oauth.internal/token
                  model: [m]
                """.formatted(TestServiceAccount.EMAIL, TestServiceAccount.privateKeyEscaped())).channels().get(0);

        assertThat(channel.googleCloud().projectId()).isEqualTo("p");
        assertThat(channel.keyPool()).containsExactly("us-east5", "europe-west1");
        assertThat(channel.googleCloud().serviceAccount().tokenUrl()).hasToString("https://oauth.internal/token");
        assertThat(channel.googleCloud().serviceAccount().toString()).doesNotContain("PRIVATE");
    }

    @Test
    void anUnreadableKeyAndABadRegionAreReportedWithTheirPathsAndLeaveTheChannelWithoutServiceAccount() throws Exception {
        String provider = """
                - provider: v
                  project_id: p
                  client_email: a@b.c
                  private_key: "-----BEGIN PRIVATE KEY-----\\nnot-a-key\\n-----END PRIVATE KEY-----"
                  region: "us central"
                  model: [m]
                """;
        var parsed = new ConfigLoader(new EnvExpander(name -> null)).load("providers:\n" + provider.indent(2)
                + "api_keys:\n  - api: sk-1\n");

        assertThat(TolerableProblems.find(parsed.config()).values()).extracting(ConfigProblem::path)
                .containsExactlyInAnyOrder("providers[0].private_key", "providers[0].region");
        Channel channel = compile(provider).channels().get(0);
        assertThat(channel.googleCloud().serviceAccount()).isNull();
        assertThat(channel.keyPool()).isEmpty();
    }

    @Test
    void aServiceAccountWithoutProjectIsReported() throws Exception {
        ProviderConfig provider = compile("""
                - provider: v
                  base_url: https://aiplatform.googleapis.com
                  client_email: a@b.c
                  private_key: "%s"
                  model: [m]
                """.formatted(TestServiceAccount.privateKeyEscaped())).channels().get(0).config();

        assertThat(GoogleCloud.problems(provider)).extracting(ConfigProblem::path).containsExactly("providers[0].project_id");
    }
}
