package io.uniapi.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * An OpenAI-style model list, {@code {"data":[{"id":…},…]}}, as OpenAI-compatible hosts and Anthropic answer it:
 * the ids in the order listed, without blanks or repeats.
 */
public final class OpenAiModelList {
    private OpenAiModelList() {
    }

    public static List<String> ids(byte[] body) throws UpstreamAnswerException {
        ObjectNode json = WireJson.objectOrNull(body);
        JsonNode data = json == null ? null : json.get("data");
        if (data == null || !data.isArray()) {
            throw UpstreamAnswerException.malformed("the model list has no 'data' array");
        }
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        for (JsonNode model : data) {
            String id = model.path("id").asText("");
            if (!id.isBlank()) {
                ids.add(id);
            }
        }
        return new ArrayList<>(ids);
    }
}
