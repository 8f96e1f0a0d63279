package io.uniapi.providers.openai;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Endpoint URLs derived from {@code base_url}, with the examples of behaviour reference §4.2. */
class OpenAiUrlsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // base_url,                                             chat,                                                 models
            "https://api.openai.com/v1/chat/completions,             https://api.openai.com/v1/chat/completions,           https://api.openai.com/v1/models",
            "https://api.deepseek.com/chat/completions,              https://api.deepseek.com/chat/completions,            https://api.deepseek.com/models",
            "https://open.bigmodel.cn/api/paas/v4/chat/completions,  https://open.bigmodel.cn/api/paas/v4/chat/completions, https://open.bigmodel.cn/api/paas/v4/models",
            "https://my-vllm.internal/v1,                            https://my-vllm.internal/v1/chat/completions,         https://my-vllm.internal/v1/models",
            "https://my-vllm.internal/v1/,                           https://my-vllm.internal/v1/chat/completions,         https://my-vllm.internal/v1/models",
            "https://api.openai.com/v1/chat/completions/,            https://api.openai.com/v1/chat/completions,           https://api.openai.com/v1/models",
            "https://oaix.fugue.pro/v1/responses,                    https://oaix.fugue.pro/v1/chat/completions,           https://oaix.fugue.pro/v1/models",
            "https://api.openai.com/v1/models,                       https://api.openai.com/v1/chat/completions,           https://api.openai.com/v1/models",
            "https://models.inference.ai.azure.com/chat/completions, https://models.inference.ai.azure.com/chat/completions, https://models.inference.ai.azure.com/models",
            "http://127.0.0.1:11434/v1/chat/completions,             http://127.0.0.1:11434/v1/chat/completions,           http://127.0.0.1:11434/v1/models",
            "https://api.anthropic.com/v1/messages,                  https://api.anthropic.com/v1/chat/completions,        https://api.anthropic.com/v1/models",
            "https://proxy.example.com/claude/v1/messages,           https://proxy.example.com/claude/v1/chat/completions, https://proxy.example.com/v1/models",
            "'  https://api.openai.com/v1/chat/completions  ',       https://api.openai.com/v1/chat/completions,           https://api.openai.com/v1/models",
    })
    void derivesChatAndModelsUrls(String baseUrl, String chat, String models) {
        assertThat(OpenAiUrls.chat(baseUrl)).hasToString(chat);
        assertThat(OpenAiUrls.models(baseUrl)).hasToString(models);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "https://h.example/v1/chat/completions?api-version=2024-10-21, https://h.example/v1/chat/completions?api-version=2024-10-21, https://h.example/v1/models?api-version=2024-10-21",
    })
    void keepsTheQueryOfTheBaseUrl(String baseUrl, String chat, String models) {
        assertThat(OpenAiUrls.chat(baseUrl)).hasToString(chat);
        assertThat(OpenAiUrls.models(baseUrl)).hasToString(models);
    }
}
