package io.uniapi.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.uniapi.UniApiConfiguration;
import io.uniapi.testing.FakeUpstream;
import io.uniapi.testing.OpenAiWire;
import io.uniapi.testing.TestGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the gateway does to a request body on its way to any engine: {@code post_body_parameter_overrides}
 * (checklist 67–68), image inlining with its errors (checklist 73, reference §5.0) and {@code image: false}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class RequestShapingTest {
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    static final byte[] GIF = {'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0};
    @RegisterExtension
    static final FakeUpstream UPSTREAM = FakeUpstream.start();
    static final DropwizardAppExtension<UniApiConfiguration> APP = TestGateway.app(TestGateway.writeConfig("""
            providers:
              - provider: up
                base_url: %s
                api: sk-upstream-secret-1
                model: [gpt-4o, m-alias]
                preferences:
                  post_body_parameter_overrides:
                    key1: v1
                    m-alias:
                      temperature: 0.1
                      __remove__: [top_p, {path: tools, where: {type: web_search}, drop_empty: true}]
              - provider: blind
                base_url: %s
                api: sk-upstream-secret-2
                image: false
                model: [gpt-4o-blind]
            api_keys:
              - api: sk-client-1
            """.formatted(UPSTREAM.url("/v1/chat/completions"), UPSTREAM.url("/v1/chat/completions"))),
            ConfigOverride.config("upstream_http.imageFetchTimeout", "400ms"));
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void reset() {
        UPSTREAM.on("POST /v1/chat/completions", OpenAiWire.answer("ok"));
        UPSTREAM.on("GET /cat.png", (request, exchange) -> exchange.bytes(200, "image/png", PNG));
        UPSTREAM.on("GET /cat.gif", (request, exchange) -> exchange.bytes(200, "image/gif", GIF));
        UPSTREAM.on("GET /slow.png", (request, exchange) -> {
            exchange.pause(1500);
            exchange.bytes(200, "image/png", PNG);
        });
        UPSTREAM.on("GET /missing.png", (request, exchange) -> exchange.text(404, "text/plain", "gone"));
    }

    private static HttpResponse<String> chat(String model, String extra) {
        return TestGateway.post(APP, "/v1/chat/completions", "sk-client-1",
                "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]" + extra + "}");
    }

    private static HttpResponse<String> chatWithImage(String model, String url) {
        return TestGateway.post(APP, "/v1/chat/completions", "sk-client-1", """
                {"model":"%s","messages":[{"role":"user","content":[{"type":"text","text":"what is it?"},
                {"type":"image_url","image_url":{"url":"%s","detail":"low"}}]}]}""".formatted(model, url));
    }

    @Test
    void overridesApplyGloballyAndPerAlias() {
        assertThat(chat("m-alias", ",\"temperature\":0.9,\"top_p\":0.5,\"tools\":[{\"type\":\"web_search\"}]")
                .statusCode()).isEqualTo(200);
        JsonNode forAlias = UPSTREAM.lastRequest().json();
        assertThat(chat("gpt-4o", ",\"temperature\":0.9,\"top_p\":0.5").statusCode()).isEqualTo(200);
        JsonNode forOther = UPSTREAM.lastRequest().json();

        assertThat(forAlias.path("key1").asText()).isEqualTo("v1");
        assertThat(forAlias.path("temperature").asDouble()).isEqualTo(0.1);
        assertThat(forAlias.has("top_p")).isFalse();
        assertThat(forAlias.has("tools")).isFalse();
        assertThat(forOther.path("key1").asText()).isEqualTo("v1");
        assertThat(forOther.path("temperature").asDouble()).isEqualTo(0.9);
        assertThat(forOther.path("top_p").asDouble()).isEqualTo(0.5);
    }

    @Test
    void anImageUrlIsFetchedAndSentAsADataUrl() {
        HttpResponse<String> response = chatWithImage("gpt-4o", UPSTREAM.url("/cat.png"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode part = UPSTREAM.lastRequest().json().path("messages").get(0).path("content").get(1);
        assertThat(part.path("image_url").path("url").asText())
                .isEqualTo("data:image/png;base64," + Base64.getEncoder().encodeToString(PNG));
        assertThat(part.path("image_url").path("detail").asText()).isEqualTo("low");
    }

    @Test
    void aDataUrlWithTheWrongDeclaredTypeIsCorrected() {
        String declaredJpeg = "data:image/jpg;base64," + Base64.getEncoder().encodeToString(PNG);

        assertThat(chatWithImage("gpt-4o", declaredJpeg).statusCode()).isEqualTo(200);

        assertThat(UPSTREAM.lastRequest().json().path("messages").get(0).path("content").get(1)
                .path("image_url").path("url").asText()).startsWith("data:image/png;base64,");
    }

    @Test
    void aGifIsRefusedWith415AndNothingIsSentUpstream() throws Exception {
        HttpResponse<String> response = chatWithImage("gpt-4o", UPSTREAM.url("/cat.gif"));

        assertThat(response.statusCode()).isEqualTo(415);
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("unsupported_image_type");
        assertThat(error.path("message").asText()).contains("PNG, JPEG and WebP");
        assertThat(UPSTREAM.requests("/v1/chat/completions")).isEmpty();
    }

    @Test
    void aSlowImageIsRefusedWith408() throws Exception {
        HttpResponse<String> response = chatWithImage("gpt-4o", UPSTREAM.url("/slow.png"));

        assertThat(response.statusCode()).isEqualTo(408);
        assertThat(JSON.readTree(response.body()).path("error").path("code").asText()).isEqualTo("image_fetch_timeout");
    }

    @Test
    void anUnreachableOrMalformedImageIsRefusedWith400() throws Exception {
        HttpResponse<String> missing = chatWithImage("gpt-4o", UPSTREAM.url("/missing.png"));
        HttpResponse<String> malformed = chatWithImage("gpt-4o", "data:image/png,notbase64");

        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(missing.body()).path("error").path("message").asText()).contains("HTTP 404");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(UPSTREAM.requests("/v1/chat/completions")).isEmpty();
    }

    @Test
    void aChannelWithImageFalseGetsTheTextOnly() {
        assertThat(chatWithImage("gpt-4o-blind", UPSTREAM.url("/cat.png")).statusCode()).isEqualTo(200);

        JsonNode content = UPSTREAM.lastRequest().json().path("messages").get(0).path("content");
        assertThat(content).hasSize(1);
        assertThat(content.get(0).path("type").asText()).isEqualTo("text");
    }
}
