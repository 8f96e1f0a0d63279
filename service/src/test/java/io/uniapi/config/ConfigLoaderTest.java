package io.uniapi.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** api.yaml text → validated config → snapshot, as a start-up load does it. */
class ConfigLoaderTest {
    private final ConfigLoader loader = new ConfigLoader(new EnvExpander(Map.of("UP_KEY", "sk-from-env")::get));

    @Test
    void theSeedReadmeAdvancedExampleLoadsWithOneWarningPerPendingKeyAndNoUnknownKeys() throws Exception {
        GatewayConfigParser.Parsed parsed = loader.load(resource("seed-readme-advanced.yaml"));
        Snapshot snapshot = compile(parsed);

        assertThat(snapshot.channels()).extracting(Channel::name).containsExactly("provider_name", "anthropic",
                "gemini", "vertex", "cloudflare", "azure", "other-provider");
        assertThat(snapshot.clientKeys().all()).hasSize(3);
        assertThat(warningText(parsed)).noneMatch(w -> w.contains("unknown key"));
        // Keys move from pending to active as features land: what stays is one line per pending key, never an error.
        assertThat(parsed.warnings()).extracting(ConfigProblem::path).isSubsetOf(
                "providers[2].preferences.api_key_rate_limit",
                "providers[2].preferences.api_key_cooldown_period",
                "providers[2].preferences.api_key_schedule_algorithm",
                "providers[2].preferences.model_timeout",
                "providers[3].project_id",
                "providers[3].private_key",
                "providers[3].client_email",
                "providers[4].cf_account_id",
                "api_keys[1].preferences.SCHEDULING_ALGORITHM",
                "api_keys[1].preferences.rate_limit",
                "api_keys[1].preferences.ENABLE_MODERATION",
                "preferences.model_timeout",
                "preferences.cooldown_period",
                "preferences.error_triggers");
        assertThat(warningText(parsed)).allMatch(w -> w.contains("accepted but not acted on"));
    }

    @Test
    void theSeedReadmeExampleNamesProvidersItDoesNotDefineAndAPlaceholderProxyWhichAreWarningsNotErrors()
            throws Exception {
        GatewayConfigParser.Parsed parsed = loader.load(resource("seed-readme-advanced.yaml"));

        Map<String, ConfigProblem> tolerated = TolerableProblems.find(parsed.config());

        assertThat(tolerated.values()).extracting(ConfigProblem::toString).containsExactlyInAnyOrder(
                "providers[3].private_key: not a readable RSA private key (expected the PEM text of 'private_key' from"
                        + " the service account's JSON key file); requests to this provider fail until it is fixed",
                "api_keys[1].model[2]: 'openai-test/text-moderation-latest' names provider 'openai-test', which is not in"
                        + " providers, so it matches nothing (for a model whose name contains '/', write"
                        + " <openai-test/text-moderation-latest>)",
                "api_keys[2].model[0]: 'gcp1/*' names provider 'gcp1', which is not in providers, so it matches nothing"
                        + " (for a model whose name contains '/', write <gcp1/*>)",
                "api_keys[2].model[1]: 'gcp2/*' names provider 'gcp2', which is not in providers, so it matches nothing"
                        + " (for a model whose name contains '/', write <gcp2/*>)",
                "api_keys[2].model[2]: 'gcp3/*' names provider 'gcp3', which is not in providers, so it matches nothing"
                        + " (for a model whose name contains '/', write <gcp3/*>)",
                "preferences.proxy: invalid proxy, not a URL (expected socks5://host:port or http://host:port);"
                        + " calls that should go through it fail until it is fixed",
                "providers[2].preferences.proxy: invalid proxy, not a URL (expected socks5://host:port or"
                        + " http://host:port); calls that should go through it fail until it is fixed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"seed-readme-minimal.yaml", "seed-readme-priority.yaml", "reference-minimal.yaml",
            "reference-typical.yaml"})
    void theOtherExamplesOfTheSeedReadmeAndTheReferenceLoad(String file) throws Exception {
        GatewayConfigParser.Parsed parsed = loader.load(resource(file));

        assertThat(compile(parsed).clientKeys().all()).isNotEmpty();
        assertThat(warningText(parsed)).noneMatch(w -> w.contains("unknown key"));
    }

    @Test
    void everyKeyOfTheReferenceIsAcceptedAndEachPendingOneWarnsOnceHoweverOftenItIsUsed() throws Exception {
        GatewayConfigParser.Parsed parsed = loader.load(resource("every-key.yaml"));
        compile(parsed);

        assertThat(warningText(parsed)).noneMatch(w -> w.contains("unknown key"));
        assertThat(TolerableProblems.find(parsed.config())).isEmpty();
        assertThat(parsed.warnings()).extracting(ConfigProblem::path).doesNotHaveDuplicates();
        ConfigProblem pending = parsed.warnings().stream()
                .filter(w -> w.path().equals("providers[0].preferences.responses_stream_commit_policy")).findFirst()
                .orElseThrow();
        assertThat(pending.reason()).isEqualTo("accepted but not acted on by this version (ignored)");
        assertThat(parsed.warnings()).filteredOn(w -> w.path().endsWith("cf_account_id")).hasSize(1);
    }

    @Test
    void aPendingKeyUsedByManyProvidersGivesOneLineNamingWhereElseItIs() throws Exception {
        StringBuilder yaml = new StringBuilder("providers:\n");
        for (int i = 0; i < 6; i++) {
            yaml.append("""
                      - provider: p%d
                        base_url: https://h%d.example/v1
                        api: k
                        model: [m]
                        preferences: {search_defaults: {topic: general}}
                    """.formatted(i, i));
        }
        yaml.append("api_keys:\n  - api: sk-client\n");

        List<ConfigProblem> warnings = loader.load(yaml.toString()).warnings();

        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).hasToString("providers[0].preferences.search_defaults: accepted but not acted on by"
                + " this version (ignored); also at providers[1].preferences.search_defaults,"
                + " providers[2].preferences.search_defaults, providers[3].preferences.search_defaults and 2 more");
    }

    @Test
    void anUnknownKeyIsAWarningNamingWhereItIs() throws Exception {
        GatewayConfigParser.Parsed parsed = loader.load("""
                providers:
                  - provider: p
                    base_url: https://h.example/v1
                    api: k
                    modle: [m]
                api_keys:
                  - api: sk-client
                """);

        assertThat(warningText(parsed)).containsExactly(
                "providers[0].modle: unknown key in providers[] (ignored; is it misspelt?)");
    }

    @Test
    void environmentVariablesAreExpandedAnywhereWithDefaults() throws Exception {
        GatewayConfigParser.Parsed parsed = loader.load("""
                providers:
                  - provider: ${PROVIDER_NAME:-openai}
                    base_url: ${BASE_URL:-https://api.openai.com/v1/chat/completions}
                    api: ${UP_KEY}
                    model:
                      - ${UPSTREAM_MODEL:-gpt-4o-2024-08-06}: ${ALIAS:-gpt-4o}
                api_keys:
                  - api: ${CLIENT_KEY:-sk-client-default}
                    model: ["${PROVIDER_NAME:-openai}/*"]
                """);

        ProviderConfig provider = parsed.config().providers().get(0);
        assertThat(provider.name()).isEqualTo("openai");
        assertThat(provider.baseUrl()).isEqualTo("https://api.openai.com/v1/chat/completions");
        assertThat(provider.apiKeys()).containsExactly("sk-from-env");
        assertThat(provider.models().orElseThrow()).containsExactly(new ModelEntry("gpt-4o-2024-08-06", "gpt-4o"));
        assertThat(parsed.config().apiKeys().get(0).api()).isEqualTo("sk-client-default");
        assertThat(parsed.config().apiKeys().get(0).rules()).containsExactly(ModelRule.parse("openai/*"));
    }

    @Test
    void scalarsWhereListsAreAllowedNumbersAsNamesAndMissingModelsAreAccepted() throws Exception {
        GatewayConfigParser.Parsed parsed = loader.load("""
                providers:
                  - provider: 42
                    base_url: https://h.example/v1
                    api: 12345678
                    model: only-model
                  - provider: discovered
                    base_url: https://d.example/v1
                    api: k
                api_keys:
                  - api: 987654321
                    model: 42/*
                  - api: sk-all
                    model: []
                """);

        assertThat(parsed.config().providers().get(0).name()).isEqualTo("42");
        assertThat(parsed.config().providers().get(0).apiKeys()).containsExactly("12345678");
        assertThat(parsed.config().providers().get(0).models().orElseThrow()).containsExactly(new ModelEntry("only-model", "only-model"));
        assertThat(parsed.config().providers().get(1).discoversModels()).isTrue();
        assertThat(parsed.config().apiKeys().get(0).api()).isEqualTo("987654321");
        assertThat(parsed.config().apiKeys().get(1).rules()).containsExactly(ModelRule.parse("all"));
        assertThat(TolerableProblems.find(parsed.config())).isEmpty();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "providers: [{base_url: 'https://h/v1', api: k}]\\napi_keys: [{api: c}]"
                    + " | providers[0].provider: missing (required)",
            "providers: [{provider: a, base_url: 'https://h/v1', api: k}, {provider: b, base_url: 'https://h/v1', api: {x: y}}]\\napi_keys: [{api: c}]"
                    + " | providers[1].api: a mapping (expected a string or a list of strings)",
            "providers: [{provider: a, base_url: 'https://h/v1', api: [k, [x]]}]\\napi_keys: [{api: c}]"
                    + " | providers[0].api[1]: a list (expected a string)",
            "providers: [{provider: a, base_url: 'https://h/v1', tools: maybe}]\\napi_keys: [{api: c}]"
                    + " | providers[0].tools: 'maybe' (expected true or false)",
            "providers: [{provider: a, api: k}]\\napi_keys: [{api: c}]"
                    + " | providers[0].base_url: missing (required, e.g. https://api.openai.com/v1/chat/completions)",
            "providers: [{provider: a, base_url: 'https://h/v1'}, {provider: a, base_url: 'https://h/v1'}]\\napi_keys: [{api: c}]"
                    + " | providers[1].provider: 'a' is already used by providers[0] (provider names must be unique)",
            "providers: [{provider: a, base_url: 'https://h/v1', model: [{m: null}]}]\\napi_keys: [{api: c}]"
                    + " | providers[0].model[0].m: null (expected the alias clients use, as in '- upstream-name: alias')",
            "providers: [{provider: a, base_url: 'https://h/v1', preferences: [x]}]\\napi_keys: [{api: c}]"
                    + " | providers[0].preferences: a list (expected a mapping of key: value)",
            "providers: [{provider: sk-bad, base_url: 'https://h/v1'}]\\napi_keys: [{api: c}]"
                    + " | providers[0].provider: names starting with 'sk-' are reserved for client keys used as channels",
            "providers: [{provider: a, base_url: 'https://h/v1'}]"
                    + " | api_keys: missing (at least one client key is required, e.g. '- api: sk-...')",
            "providers: [{provider: a, base_url: 'https://h/v1'}]\\napi_keys: [{key: c}]"
                    + " | api_keys[0].api: missing (required; found 'key': the client key is written 'api: sk-...')",
            "providers: [{provider: a, base_url: 'https://h/v1'}]\\napi_keys: [{api: c, model: [{a/*: 0}]}]"
                    + " | api_keys[0].model[0].a/*: 0 (expected a positive whole-number weight, as in '- openai/*: 5')",
            "providers: [{provider: a, base_url: 'https://h/v1'}]\\napi_keys: [{api: c}, {api: c}]"
                    + " | api_keys[1].api: the same key is already defined at api_keys[0]",
            "providers: {a: b}\\napi_keys: [{api: c}]"
                    + " | providers: a mapping (expected a list of channels)",
            "- just\\n- a list"
                    + " | the file must be a YAML mapping with 'providers' and 'api_keys' (found a list)",
    })
    void aBrokenFileIsRejectedWithTheKeyPathAndTheReason(String yaml, String message) {
        assertThatThrownBy(() -> compile(loader.load(yaml.replace("\\n", "\n"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "providers: [{provider: a, base_url: 'https://h/v1'}]\\napi_keys: [{api: c}]\\npreferences: {max_request_body_bytes: lots}"
                    + " | preferences.max_request_body_bytes: 'lots' (expected a size such as 1048576, 20MB or 20MiB)",
            "providers: [{provider: a, base_url: 'https://h/v1', preferences: {headers: [x]}}]\\napi_keys: [{api: c}]"
                    + " | providers[0].preferences.headers: a list (expected a mapping of header names to values)",
    })
    void aValueTheSnapshotCannotUseIsRejectedWithItsPath(String yaml, String message) {
        assertThatThrownBy(() -> compile(loader.load(yaml.replace("\\n", "\n"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(message);
    }

    @Test
    void everyProblemOfTheFileIsReportedAtOnce() {
        assertThatThrownBy(() -> loader.load("""
                providers:
                  - provider: a
                    api: {x: y}
                  - base_url: https://h/v1
                api_keys:
                  - role: admin
                """))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::path)
                        .containsExactly("providers[0].api", "providers[0].base_url", "providers[1].provider",
                                "api_keys[0].api"));
    }

    @Test
    void aYamlSyntaxErrorNamesTheLine() {
        assertThatThrownBy(() -> loader.load("providers:\n  - provider: a\n    base_url: [unclosed\napi_keys: []\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("not valid YAML at line ");
    }

    @Test
    void anUnquotedPlaceholderInsideBracketsGetsAHintBecauseYamlReadsItsBraceAsAMapping() {
        assertThatThrownBy(() -> loader.load("providers:\n  - provider: a\n    api: [${UP_KEY}]\napi_keys: [{api: c}]\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("not valid YAML at line 3")
                .hasMessageContaining("quote placeholders inside [ ] or { }, e.g. [\"${VAR}\"]");
    }

    @Test
    void anEmptyFileIsRejected() {
        assertThatThrownBy(() -> loader.load("  \n")).isInstanceOf(ConfigException.class)
                .hasMessage("the file is empty");
    }

    @Test
    void errorMessagesNeverEchoALongSecretValue() {
        assertThatThrownBy(() -> loader.load("""
                providers:
                  - provider: a
                    base_url: https://h/v1
                    tools: sk-this-is-a-long-upstream-secret-that-must-not-be-printed
                api_keys:
                  - api: c
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("providers[0].tools: ")
                .hasMessageNotContaining("this-is-a-long");
    }

    private static Snapshot compile(GatewayConfigParser.Parsed parsed) throws ConfigException {
        return new SnapshotCompiler().compile(parsed.config(), provider -> List.of(), 1, "test");
    }

    private static List<String> warningText(GatewayConfigParser.Parsed parsed) {
        return parsed.warnings().stream().map(ConfigProblem::toString).toList();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ConfigLoaderTest.class.getResourceAsStream("/config/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /config/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
