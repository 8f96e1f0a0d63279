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
 * A strict fake of Anthropic's Messages API (https://docs.anthropic.com/en/api/messages, /streaming, /errors). It
 * refuses with Anthropic's 400 what the real API refuses: a missing {@code max_tokens}, a {@code system} role inside
 * {@code messages}, roles that do not alternate, a conversation not starting with the user, empty content, fields it
 * does not know, a {@code tool_result} without a matching {@code tool_use} just before (or a {@code tool_use} left
 * unanswered), a thinking budget under 1024 or not under {@code max_tokens}, thinking with a temperature other than 1.
 */
public final class AnthropicContractUpstream implements ContractUpstream {
    static final String PATH = "/v1/messages";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("model", "messages", "max_tokens", "system", "stop_sequences",
            "stream", "temperature", "top_p", "top_k", "tools", "tool_choice", "thinking", "metadata", "mcp_servers",
            "container", "service_tier");
    private static final Map<String, String> ERROR_TYPES = Map.of("invalid_request", "invalid_request_error",
            "overloaded", "overloaded_error", "rate_limited", "rate_limit_error", "auth", "authentication_error");

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.TOOLS, Capability.PARALLEL_TOOLS, Capability.VISION, Capability.REASONING,
                Capability.CACHED_TOKENS);
    }

    @Override
    public String upstreamModel() {
        return "claude-sonnet-4-5-20250929";
    }

    @Override
    public String providerYaml(String name, FakeUpstream upstream, List<String> models) {
        return """
                - provider: %s
                  base_url: %s
                  api: sk-ant-contract-secret-1
                  model: [%s]
                """.formatted(name, upstream.url(PATH), String.join(", ", models.stream().map(m -> "{" + m + "}").toList()));
    }

    @Override
    public void answer(FakeUpstream upstream, Script script) {
        upstream.on("POST " + PATH, (request, exchange) -> {
            String invalid = validate(request);
            if (invalid != null) {
                exchange.json(400, error("invalid_request_error", invalid));
                return;
            }
            if (script.failure() != null) {
                exchange.json(script.failure().status(), error(ERROR_TYPES.getOrDefault(script.failure().kind(),
                        "api_error"), script.failure().message()));
                return;
            }
            String model = request.json().path("model").asText();
            if (request.json().path("stream").asBoolean(false)) {
                exchange.startSse();
                for (ObjectNode event : events(script, model)) {
                    exchange.raw("event: " + event.path("type").asText() + "\ndata: " + event + "\n\n");
                }
            } else {
                exchange.json(200, message(script, model).toString());
            }
        });
    }

    @Override
    public List<RecordedRequest> chatCalls(FakeUpstream upstream) {
        return upstream.requests(PATH);
    }

    @Override
    public List<String> imagesIn(RecordedRequest chatCall) {
        List<String> images = new ArrayList<>();
        for (JsonNode message : chatCall.json().path("messages")) {
            for (JsonNode block : message.path("content")) {
                if ("image".equals(block.path("type").asText())) {
                    images.add(block.path("source").path("data").asText());
                }
            }
        }
        return images;
    }

    static String error(String type, String message) {
        ObjectNode body = JSON.createObjectNode().put("type", "error");
        body.putObject("error").put("type", type).put("message", message);
        body.put("request_id", "req_fake");
        return body.toString();
    }

    /** Why the real API would refuse this request, or null. */
    static String validate(RecordedRequest request) {
        if (request.header("x-api-key") == null) {
            return "x-api-key header is required";
        }
        if (request.header("anthropic-version") == null) {
            return "anthropic-version header is required";
        }
        JsonNode body = request.json();
        for (var names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                return name + ": Extra inputs are not permitted";
            }
        }
        if (!body.path("model").isTextual()) {
            return "model: Field required";
        }
        if (!body.path("max_tokens").canConvertToInt()) {
            return "max_tokens: Field required";
        }
        String messages = validateMessages(body.path("messages"));
        if (messages != null) {
            return messages;
        }
        JsonNode thinking = body.get("thinking");
        if (thinking != null && "enabled".equals(thinking.path("type").asText())) {
            int budget = thinking.path("budget_tokens").asInt();
            if (budget < 1024 || budget >= body.path("max_tokens").asInt()) {
                return "thinking.budget_tokens: must be at least 1024 and less than max_tokens";
            }
            if (body.has("temperature") && body.path("temperature").asDouble() != 1.0) {
                return "temperature may only be set to 1 when thinking is enabled";
            }
            if (body.has("top_k")) {
                return "top_k is not compatible with thinking";
            }
        }
        JsonNode choice = body.get("tool_choice");
        if (choice != null && !Set.of("auto", "any", "tool", "none").contains(choice.path("type").asText())) {
            return "tool_choice.type: Input should be 'auto', 'any', 'tool' or 'none'";
        }
        return null;
    }

    private static String validateMessages(JsonNode messages) {
        if (!messages.isArray() || messages.isEmpty()) {
            return "messages: at least one message is required";
        }
        String previousRole = null;
        Set<String> openToolUses = new HashSet<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String role = message.path("role").asText();
            if (!role.equals("user") && !role.equals("assistant")) {
                return "messages." + i + ".role: Input should be 'user' or 'assistant' (got '" + role + "')";
            }
            if (i == 0 && !role.equals("user")) {
                return "messages: first message must use the \"user\" role";
            }
            if (role.equals(previousRole)) {
                return "messages: roles must alternate between \"user\" and \"assistant\"";
            }
            JsonNode content = message.get("content");
            boolean last = i == messages.size() - 1;
            if (content == null || (content.isTextual() && content.textValue().isEmpty() && !(last && role.equals("assistant")))
                    || (content.isArray() && content.isEmpty())) {
                return "messages." + i + ": all messages must have non-empty content except for the optional final "
                        + "assistant message";
            }
            Set<String> answered = new HashSet<>();
            for (JsonNode block : content.isArray() ? content : JSON.createArrayNode()) {
                String type = block.path("type").asText();
                if (type.equals("tool_result")) {
                    String id = block.path("tool_use_id").asText();
                    if (!role.equals("user") || !openToolUses.contains(id)) {
                        return "messages." + i + ": unexpected `tool_use_id` found in `tool_result` blocks: " + id
                                + ". Each `tool_result` block must have a corresponding `tool_use` block in the "
                                + "previous message.";
                    }
                    answered.add(id);
                } else if (type.equals("image")) {
                    JsonNode source = block.path("source");
                    if (!"base64".equals(source.path("type").asText()) && !"url".equals(source.path("type").asText())) {
                        return "messages." + i + ": image source type must be base64 or url";
                    }
                    if ("base64".equals(source.path("type").asText()) && (source.path("data").asText().isEmpty()
                            || !Set.of("image/png", "image/jpeg", "image/webp", "image/gif")
                            .contains(source.path("media_type").asText()))) {
                        return "messages." + i + ": invalid base64 image source";
                    }
                } else if (type.equals("thinking") && block.path("signature").asText().isEmpty()) {
                    return "messages." + i + ".content: thinking blocks need their signature";
                } else if (type.equals("text") && block.path("text").asText().isEmpty()) {
                    return "messages." + i + ": text content blocks must be non-empty";
                }
            }
            if (role.equals("user") && !openToolUses.isEmpty() && !answered.containsAll(openToolUses)) {
                return "messages." + i + ": `tool_use` ids were found without `tool_result` blocks immediately after: "
                        + openToolUses;
            }
            openToolUses.clear();
            if (role.equals("assistant")) {
                for (JsonNode block : content.isArray() ? content : JSON.createArrayNode()) {
                    if ("tool_use".equals(block.path("type").asText())) {
                        if (!block.path("input").isObject()) {
                            return "messages." + i + ": tool_use.input must be an object";
                        }
                        openToolUses.add(block.path("id").asText());
                    }
                }
            }
            previousRole = role;
        }
        return null;
    }

    private static ObjectNode message(Script script, String model) {
        ObjectNode message = JSON.createObjectNode().put("id", "msg_fake").put("type", "message")
                .put("role", "assistant").put("model", model);
        ArrayNode content = message.putArray("content");
        if (!script.reasoning().isEmpty()) {
            content.addObject().put("type", "thinking").put("thinking", String.join("", script.reasoning()))
                    .put("signature", "sig-fake-1");
        }
        if (!script.text().isEmpty()) {
            content.addObject().put("type", "text").put("text", String.join("", script.text()));
        }
        for (Script.ToolCall call : script.toolCalls()) {
            content.addObject().put("type", "tool_use").put("id", call.id()).put("name", call.name())
                    .set("input", parse(call.argumentsJson()));
        }
        message.put("stop_reason", stopReason(script.finish()));
        message.putNull("stop_sequence");
        message.set("usage", usage(script.usage()));
        return message;
    }

    private static List<ObjectNode> events(Script script, String model) {
        List<ObjectNode> events = new ArrayList<>();
        ObjectNode start = JSON.createObjectNode().put("type", "message_start");
        ObjectNode message = start.putObject("message").put("id", "msg_fake").put("type", "message")
                .put("role", "assistant").put("model", model);
        message.putArray("content");
        message.putNull("stop_reason");
        ObjectNode startUsage = usage(script.usage());
        startUsage.put("output_tokens", 1);
        message.set("usage", startUsage);
        events.add(start);
        int index = 0;
        if (!script.reasoning().isEmpty()) {
            events.add(blockStart(index, JSON.createObjectNode().put("type", "thinking").put("thinking", "")));
            for (String piece : script.reasoning()) {
                events.add(delta(index, JSON.createObjectNode().put("type", "thinking_delta").put("thinking", piece)));
            }
            events.add(delta(index, JSON.createObjectNode().put("type", "signature_delta").put("signature", "sig-fake-1")));
            events.add(JSON.createObjectNode().put("type", "content_block_stop").put("index", index++));
        }
        if (!script.text().isEmpty()) {
            events.add(blockStart(index, JSON.createObjectNode().put("type", "text").put("text", "")));
            events.add(JSON.createObjectNode().put("type", "ping"));
            for (String piece : script.text()) {
                events.add(delta(index, JSON.createObjectNode().put("type", "text_delta").put("text", piece)));
            }
            events.add(JSON.createObjectNode().put("type", "content_block_stop").put("index", index++));
        }
        for (Script.ToolCall call : script.toolCalls()) {
            ObjectNode block = JSON.createObjectNode().put("type", "tool_use").put("id", call.id()).put("name", call.name());
            block.putObject("input");
            events.add(blockStart(index, block));
            String args = call.argumentsJson();
            int half = args.length() / 2;
            for (String fragment : List.of("", args.substring(0, half), args.substring(half))) {
                events.add(delta(index, JSON.createObjectNode().put("type", "input_json_delta").put("partial_json", fragment)));
            }
            events.add(JSON.createObjectNode().put("type", "content_block_stop").put("index", index++));
        }
        ObjectNode end = JSON.createObjectNode().put("type", "message_delta");
        end.putObject("delta").put("stop_reason", stopReason(script.finish())).putNull("stop_sequence");
        end.putObject("usage").put("output_tokens", script.usage().completion());
        events.add(end);
        events.add(JSON.createObjectNode().put("type", "message_stop"));
        return events;
    }

    private static ObjectNode blockStart(int index, ObjectNode block) {
        ObjectNode event = JSON.createObjectNode().put("type", "content_block_start").put("index", index);
        event.set("content_block", block);
        return event;
    }

    private static ObjectNode delta(int index, ObjectNode delta) {
        ObjectNode event = JSON.createObjectNode().put("type", "content_block_delta").put("index", index);
        event.set("delta", delta);
        return event;
    }

    private static ObjectNode usage(Script.Usage usage) {
        return JSON.createObjectNode().put("input_tokens", usage.prompt() - usage.cached())
                .put("cache_creation_input_tokens", 0).put("cache_read_input_tokens", usage.cached())
                .put("output_tokens", usage.completion());
    }

    private static String stopReason(String finish) {
        return switch (finish) {
            case "tool_calls" -> "tool_use";
            case "length" -> "max_tokens";
            default -> "end_turn";
        };
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
