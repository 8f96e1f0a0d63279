package io.uniapi.providers;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A client's {@code /v1/chat/completions} body, validated, in OpenAI format. The body is shared by every attempt
 * and must not be modified: translators copy what they change.
 *
 * @param model        the model the client asked for (an alias)
 * @param includeUsage the client asked for a usage chunk ({@code stream_options.include_usage})
 */
public record ChatRequest(ObjectNode body, String model, boolean stream, boolean includeUsage) {
}
