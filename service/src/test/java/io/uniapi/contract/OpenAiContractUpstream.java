package io.uniapi.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uniapi.testing.FakeUpstream;
import io.uniapi.testing.RecordedRequest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A strict fake of OpenAI's chat completions API (https://platform.openai.com/docs/api-reference/chat): it refuses
 * with OpenAI's 400 unknown roles, a {@code tool} message that answers no tool call of the assistant message before
 * it, a tool call left unanswered, and a missing {@code Authorization}. Reasoning is sent as {@code reasoning_content}
 * (as DeepSeek and most OpenAI-compatible reasoning hosts do). Subclasses change the path and the authentication.
 */
public class OpenAiContractUpstream implements ContractUpstream {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool");
    private static final Map<String, String> ERROR_TYPES = Map.of("invalid_request", "invalid_request_error",
            "overloaded", "server_error", "rate_limited", "rate_limit_exceeded", "auth", "invalid_api_key");

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.TOOLS, Capability.PARALLEL_TOOLS, Capability.VISION, Capability.REASONING,
                Capability.CACHED_TOKENS, Capability.REASONING_TOKENS);
    }

    /** The route the fake answers, e.g. {@code /v1/chat/completions}. */
    protected String chatPath() {
        return "/v1/chat/completions";
    }

    @Override
    public String upstreamModel() {
        return "gpt-4o-2024-08-06";
    }

    @Override
    public String providerYaml(String name, FakeUpstream upstream, List<String> models) {
        return """
                - provider: %s
                  base_url: %s
                  api: sk-openai-contract-secret-1
                  model: [%s]
                """.formatted(name, upstream.url(chatPath()), String.join(", ", models.stream().map(m -> "{" + m + "}").toList()));
    }

    /** Why this host would refuse the request for its authentication or address, or null. */
    protected String validateTransport(RecordedRequest request) {
        return request.header("Authorization") == null ? "You didn't provide an API key." : null;
    }

    @Override
    public void answer(FakeUpstream upstream, Script script) {
        upstream.on("POST " + chatPath(), (request, exchange) -> {
            String transport = validateTransport(request);
            if (transport != null) {
                exchange.json(401, error("invalid_request_error", transport));
                return;
            }
            String invalid = validate(request.json());
            if (invalid != null) {
                exchange.json(400, error("invalid_request_error", invalid));
                return;
            }
            if (script.failure() != null) {
                exchange.json(script.failure().status(), error(ERROR_TYPES.getOrDefault(script.failure().kind(),
                        "server_error"), script.failure().message()));
                return;
            }
            String model = request.json().path("model").asText();
            if (request.json().path("stream").asBoolean(false)) {
                exchange.startSse();
                for (ObjectNode chunk : decorate(chunks(script, model, request.json().path("stream_options")
                        .path("include_usage").asBoolean(false)))) {
                    exchange.event(chunk.toString());
                }
                exchange.event("[DONE]");
            } else {
                exchange.json(200, decorate(completion(script, model)).toString());
            }
        });
    }

    /** Lets a host add what it sends on top of OpenAI's format to a stream. */
    protected List<ObjectNode> decorate(List<ObjectNode> chunks) {
        return chunks;
    }

    /** Lets a host add what it sends on top of OpenAI's format to a complete answer. */
    protected ObjectNode decorate(ObjectNode completion) {
        return completion;
    }

    @Override
    public List<RecordedRequest> chatCalls(FakeUpstream upstream) {
        return upstream.requests(chatPath());
    }

    @Override
    public List<String> imagesIn(RecordedRequest chatCall) {
        List<String> images = new ArrayList<>();
        for (JsonNode message : chatCall.json().path("messages")) {
            for (JsonNode part : message.path("content")) {
                String url = part.path("image_url").path("url").asText("");
                if (url.startsWith("data:")) {
                    images.add(url.substring(url.indexOf(',') + 1));
                }
            }
        }
        return images;
    }

    static String error(String type, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("message", message).put("type", type).putNull("param").put("code", type);
        return body.toString();
    }

    static String validate(JsonNode body) {
        if (!body.path("model").isTextual()) {
            return "you must provide a model parameter";
        }
        JsonNode messages = body.path("messages");
        Set<String> open = new HashSet<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String role = message.path("role").asText();
            if (!ROLES.contains(role)) {
                return "Invalid value: '" + role + "'. Supported values are: 'system', 'assistant', 'user', "
                        + "'function', 'tool', and 'developer'.";
            }
            if (role.equals("tool")) {
                if (!open.remove(message.path("tool_call_id").asText())) {
                    return "Invalid parameter: messages with role 'tool' must be a response to a preceeding message "
                            + "with 'tool_calls'.";
                }
                continue;
            }
            if (!open.isEmpty()) {
                return "An assistant message with 'tool_calls' must be followed by tool messages responding to each "
                        + "'tool_call_id'. The following tool_call_ids did not have response messages: " + open;
            }
            for (JsonNode call : message.path("tool_calls")) {
                open.add(call.path("id").asText());
            }
        }
        return null;
    }

    static ObjectNode completion(Script script, String model) {
        ObjectNode completion = JSON.createObjectNode().put("id", "chatcmpl-fake").put("object", "chat.completion")
                .put("created", 1730000000).put("model", model);
        ObjectNode choice = completion.putArray("choices").addObject().put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        if (script.text().isEmpty() && !script.toolCalls().isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", String.join("", script.text()));
        }
        if (!script.reasoning().isEmpty()) {
            message.put("reasoning_content", String.join("", script.reasoning()));
        }
        if (!script.toolCalls().isEmpty()) {
            ArrayNode calls = message.putArray("tool_calls");
            for (Script.ToolCall call : script.toolCalls()) {
                calls.addObject().put("id", call.id()).put("type", "function").putObject("function")
                        .put("name", call.name()).put("arguments", call.argumentsJson());
            }
        }
        choice.putNull("logprobs");
        choice.put("finish_reason", script.finish());
        completion.set("usage", usage(script.usage()));
        return completion;
    }

    static List<ObjectNode> chunks(Script script, String model, boolean includeUsage) {
        List<ObjectNode> chunks = new ArrayList<>();
        chunks.add(chunk(model, JSON.createObjectNode().put("role", "assistant").put("content", ""), null));
        for (String piece : script.reasoning()) {
            chunks.add(chunk(model, JSON.createObjectNode().put("reasoning_content", piece), null));
        }
        for (String piece : script.text()) {
            chunks.add(chunk(model, JSON.createObjectNode().put("content", piece), null));
        }
        for (int i = 0; i < script.toolCalls().size(); i++) {
            Script.ToolCall call = script.toolCalls().get(i);
            ObjectNode start = JSON.createObjectNode();
            start.putArray("tool_calls").addObject().put("index", i).put("id", call.id()).put("type", "function")
                    .putObject("function").put("name", call.name()).put("arguments", "");
            chunks.add(chunk(model, start, null));
            ObjectNode args = JSON.createObjectNode();
            args.putArray("tool_calls").addObject().put("index", i).putObject("function")
                    .put("arguments", call.argumentsJson());
            chunks.add(chunk(model, args, null));
        }
        chunks.add(chunk(model, JSON.createObjectNode(), script.finish()));
        if (includeUsage) {
            ObjectNode usage = JSON.createObjectNode().put("id", "chatcmpl-fake").put("object", "chat.completion.chunk")
                    .put("created", 1730000000).put("model", model);
            usage.putArray("choices");
            usage.set("usage", usage(script.usage()));
            chunks.add(usage);
        }
        return chunks;
    }

    private static ObjectNode chunk(String model, ObjectNode delta, String finish) {
        ObjectNode chunk = JSON.createObjectNode().put("id", "chatcmpl-fake").put("object", "chat.completion.chunk")
                .put("created", 1730000000).put("model", model);
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        choice.put("finish_reason", finish);
        return chunk;
    }

    private static ObjectNode usage(Script.Usage usage) {
        ObjectNode node = JSON.createObjectNode().put("prompt_tokens", usage.prompt())
                .put("completion_tokens", usage.completion()).put("total_tokens", usage.prompt() + usage.completion());
        node.putObject("prompt_tokens_details").put("cached_tokens", usage.cached());
        node.putObject("completion_tokens_details").put("reasoning_tokens", usage.reasoning());
        return node;
    }
}
