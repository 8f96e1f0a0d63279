package io.uniapi.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ModelRuleTest {

    @ParameterizedTest(name = "''{0}'' is {1} (provider {2}, model {3})")
    @CsvSource(nullValues = "-", value = {
            "all,                               ALL,            -,         -",
            "*,                                 ALL,            -,         -",
            "openai/*,                          PROVIDER_ALL,   openai,    -",
            "openai/gpt-4o,                     PROVIDER_MODEL, openai,    gpt-4o",
            "openrouter/meta-llama/llama-3-70b, PROVIDER_MODEL, openrouter, meta-llama/llama-3-70b",
            "<anthropic/claude-3-5-sonnet>,     LITERAL,        -,         anthropic/claude-3-5-sonnet",
            "gpt-4o,                            PLAIN,          -,         gpt-4o",
            "sk-inner-key/*,                    KEY_ALL,        sk-inner-key, -",
            "sk-inner-key/gpt-4o,               KEY_MODEL,      sk-inner-key, gpt-4o",
            "/odd,                              PLAIN,          -,         /odd",
            "openai/,                           PLAIN,          -,         openai/",
            "<>,                                PLAIN,          -,         <>",
    })
    void parsesEveryFormOfTheMiniLanguage(String text, ModelRule.Kind kind, String provider, String model) {
        ModelRule rule = ModelRule.parse(text);

        assertThat(rule.kind()).isEqualTo(kind);
        assertThat(rule.provider()).isEqualTo(provider);
        assertThat(rule.model()).isEqualTo(model);
        assertThat(rule.weight()).isZero();
    }

    @ParameterizedTest
    @CsvSource({"all", "openai/*", "openai/gpt-4o", "openrouter/a/b", "<anthropic/claude-3-5-sonnet>", "gpt-4o"})
    void toStringGivesBackTheRuleAsWritten(String text) {
        assertThat(ModelRule.parse(text)).hasToString(text);
        assertThat(ModelRule.parse(ModelRule.parse(text).toString())).isEqualTo(ModelRule.parse(text));
    }

    @Test
    void surroundingSpacesAreIgnoredAndTheWeightIsKept() {
        ModelRule rule = ModelRule.parse("  gcp1/*  ", 5);

        assertThat(rule).isEqualTo(new ModelRule(ModelRule.Kind.PROVIDER_ALL, "gcp1", null, 5));
        assertThat(rule).hasToString("gcp1/*");
    }

    @Test
    void aClientKeyUsedAsAChannelIsNeverPrintedInFull() {
        String key = "sk-KjjI60Yd0JFWtxxxxxxxxxxxxxxwmRWpWpQRo";

        assertThat(ModelRule.parse(key + "/*").toString()).doesNotContain(key).endsWith("/*");
        assertThat(ModelRule.parse(key + "/gpt-4o").toString()).doesNotContain(key).endsWith("/gpt-4o");
    }

    @Test
    void onlyProviderAndKeyRulesNameSomethingThatMustExist() {
        assertThat(ModelRule.parse("openai/*").namesProvider()).isTrue();
        assertThat(ModelRule.parse("openai/gpt-4o").namesProvider()).isTrue();
        assertThat(ModelRule.parse("sk-x/*").namesKey()).isTrue();
        assertThat(ModelRule.parse("sk-x/*").namesProvider()).isFalse();
        assertThat(ModelRule.parse("<a/b>").namesProvider()).isFalse();
        assertThat(ModelRule.parse("all").namesProvider()).isFalse();
    }
}
