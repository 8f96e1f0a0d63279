package io.uniapi.testing;

/**
 * Bodies in OpenAI's chat completions wire format (https://platform.openai.com/docs/api-reference/chat), as a real
 * OpenAI-compatible upstream sends them.
 */
public final class OpenAiWire {
    private OpenAiWire() {
    }

    public static String completion(String model, String content) {
        return """
                {"id":"chatcmpl-up1","object":"chat.completion","created":1730000000,"model":"%s",\
                "system_fingerprint":"fp_test","choices":[{"index":0,"message":{"role":"assistant","content":"%s",\
                "refusal":null},"logprobs":null,"finish_reason":"stop"}],\
                "usage":{"prompt_tokens":9,"completion_tokens":12,"total_tokens":21}}""".formatted(model, content);
    }

    public static String roleChunk(String model) {
        return """
                {"id":"chatcmpl-up1","object":"chat.completion.chunk","created":1730000000,"model":"%s",\
                "system_fingerprint":"fp_test","choices":[{"index":0,"delta":{"role":"assistant","content":""},\
                "logprobs":null,"finish_reason":null}]}""".formatted(model);
    }

    public static String contentChunk(String model, String content) {
        return """
                {"id":"chatcmpl-up1","object":"chat.completion.chunk","created":1730000000,"model":"%s",\
                "system_fingerprint":"fp_test","choices":[{"index":0,"delta":{"content":"%s"},\
                "logprobs":null,"finish_reason":null}]}""".formatted(model, content);
    }

    public static String finishChunk(String model, String reason) {
        return """
                {"id":"chatcmpl-up1","object":"chat.completion.chunk","created":1730000000,"model":"%s",\
                "system_fingerprint":"fp_test","choices":[{"index":0,"delta":{},"logprobs":null,\
                "finish_reason":"%s"}]}""".formatted(model, reason);
    }

    public static String usageChunk(String model, int prompt, int completion) {
        return """
                {"id":"chatcmpl-up1","object":"chat.completion.chunk","created":1730000000,"model":"%s",\
                "system_fingerprint":"fp_test","choices":[],"usage":{"prompt_tokens":%d,"completion_tokens":%d,\
                "total_tokens":%d}}""".formatted(model, prompt, completion, prompt + completion);
    }

    public static String error(String message, String type, String code) {
        return """
                {"error":{"message":"%s","type":"%s","param":null,"code":%s}}"""
                .formatted(message, type, code == null ? "null" : "\"" + code + "\"");
    }

    /** {@code GET /v1/models}: {@code {"object":"list","data":[{"id","object":"model","created","owned_by"}]}}. */
    public static String modelList(String... ids) {
        StringBuilder data = new StringBuilder();
        for (String id : ids) {
            data.append(data.length() == 0 ? "" : ",").append("""
                    {"id":"%s","object":"model","created":1686935002,"owned_by":"organization-owner"}""".formatted(id));
        }
        return "{\"object\":\"list\",\"data\":[" + data + "]}";
    }

    /** A complete streamed answer: role chunk, one chunk per word, finish chunk, usage chunk, [DONE]. */
    public static FakeUpstream.Responder stream(String model, long pauseMillis, String... words) {
        return (request, exchange) -> {
            exchange.startSse();
            exchange.event(roleChunk(model));
            for (String word : words) {
                exchange.pause(pauseMillis);
                exchange.event(contentChunk(model, word));
            }
            exchange.event(finishChunk(model, "stop"));
            if (request.json().path("stream_options").path("include_usage").asBoolean(false)) {
                exchange.event(usageChunk(model, 7, words.length));
            }
            exchange.event("[DONE]");
        };
    }

    /** Streams or not, as the request asks, echoing the upstream model name it was asked for. */
    public static FakeUpstream.Responder answerOrStream(String content) {
        return (request, exchange) -> {
            String model = request.json().path("model").asText();
            if (request.json().path("stream").asBoolean(false)) {
                stream(model, 0, content).respond(request, exchange);
            } else {
                exchange.json(200, completion(model, content));
            }
        };
    }

    /** A non-streamed answer that echoes the upstream model name it was asked for. */
    public static FakeUpstream.Responder answer(String content) {
        return (request, exchange) -> exchange.json(200, completion(request.json().path("model").asText(), content));
    }
}
