package io.uniapi.contract;

import java.util.List;

/**
 * What a scripted upstream answers, whatever its wire format: reasoning and text pieces (one stream event each), tool
 * calls, how the answer ended, token counts; or a provider error. Each {@link ContractUpstream} renders it in its own
 * format, as JSON or as a stream depending on the request.
 *
 * @param finish {@code stop}, {@code length} or {@code tool_calls}, in OpenAI's terms
 */
public record Script(List<String> reasoning, List<String> text, List<ToolCall> toolCalls, String finish, Usage usage,
                     Failure failure) {

    public record ToolCall(String id, String name, String argumentsJson) {
    }

    /** Token counts: {@code prompt} includes {@code cached}; {@code completion} includes {@code reasoning}. */
    public record Usage(int prompt, int completion, int cached, int reasoning) {
    }

    /**
     * A provider error. {@code kind} is provider-neutral: {@code invalid_request}, {@code overloaded},
     * {@code rate_limited}, {@code auth}; each fake maps it to its own error type.
     */
    public record Failure(int status, String kind, String message) {
    }

    public static Script text(String... pieces) {
        return new Script(List.of(), List.of(pieces), List.of(), "stop", new Usage(11, pieces.length, 0, 0), null);
    }

    public static Script toolCalls(ToolCall... calls) {
        return new Script(List.of(), List.of(), List.of(calls), "tool_calls", new Usage(20, 9, 0, 0), null);
    }

    public static Script failure(int status, String kind, String message) {
        return new Script(List.of(), List.of(), List.of(), null, null, new Failure(status, kind, message));
    }

    public Script withReasoning(String... pieces) {
        return new Script(List.of(pieces), text, toolCalls, finish, usage, failure);
    }

    public Script finishing(String reason) {
        return new Script(reasoning, text, toolCalls, reason, usage, failure);
    }

    public Script withUsage(int prompt, int completion, int cached, int reasoningTokens) {
        return new Script(reasoning, text, toolCalls, finish, new Usage(prompt, completion, cached, reasoningTokens), failure);
    }
}
