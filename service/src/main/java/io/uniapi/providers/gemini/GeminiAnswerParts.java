package io.uniapi.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the parts of one Gemini candidate, in order, as what an OpenAI client sees: thoughts → reasoning, text →
 * content, {@code functionCall} → a tool call (with its thought signature, if any), generated images → a Markdown
 * image in the content, code execution → fenced code blocks.
 */
final class GeminiAnswerParts {

    interface Visitor {
        void reasoning(String text);

        void text(String text);

        /** {@code upstreamId} is Gemini's {@code functionCall.id} (newer models set one), else null. */
        void toolCall(String upstreamId, String name, String argumentsJson, String thoughtSignature);
    }

    private GeminiAnswerParts() {
    }

    static void read(JsonNode candidate, Visitor visitor) {
        for (JsonNode part : candidate.path("content").path("parts")) {
            if (part.has("functionCall")) {
                JsonNode call = part.get("functionCall");
                JsonNode args = call.get("args");
                String id = call.path("id").asText("");
                visitor.toolCall(id.isEmpty() ? null : id, call.path("name").asText(""), args == null || args.isNull() ? "{}" : args.toString(),
                        part.path("thoughtSignature").asText(null));
            } else if (part.has("text")) {
                String text = part.get("text").asText("");
                if (text.isEmpty()) {
                    continue;
                }
                if (part.path("thought").asBoolean(false)) {
                    visitor.reasoning(text);
                } else {
                    visitor.text(text);
                }
            } else if (part.has("inlineData")) {
                JsonNode inline = part.get("inlineData");
                visitor.text("\n![image](data:" + inline.path("mimeType").asText("image/png") + ";base64,"
                        + inline.path("data").asText("") + ")");
            } else if (part.has("executableCode")) {
                JsonNode code = part.get("executableCode");
                visitor.text("\n```" + code.path("language").asText("").toLowerCase() + "\n"
                        + code.path("code").asText("") + "\n```\n");
            } else if (part.has("codeExecutionResult")) {
                visitor.text("\n```\n" + part.get("codeExecutionResult").path("output").asText("") + "\n```\n");
            }
        }
    }
}
