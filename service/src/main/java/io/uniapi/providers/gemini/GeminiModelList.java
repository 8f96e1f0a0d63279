package io.uniapi.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uniapi.providers.UpstreamAnswerException;
import io.uniapi.providers.WireJson;

import java.util.ArrayList;
import java.util.List;

/** One page of Gemini's {@code models.list}: ids without the {@code models/} prefix, and the next page's token. */
final class GeminiModelList {
    private GeminiModelList() {
    }

    static List<String> ids(byte[] body) throws UpstreamAnswerException {
        ObjectNode json = WireJson.objectOrNull(body);
        if (json == null || (json.has("models") && !json.get("models").isArray())) {
            throw UpstreamAnswerException.malformed("the model list is not a JSON object with a 'models' array");
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode model : json.path("models")) {
            String name = model.path("name").asText("");
            String id = name.startsWith("models/") ? name.substring("models/".length()) : name;
            if (!id.isBlank()) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** The token of the next page, or null on the last page. */
    static String nextPageToken(byte[] body) {
        ObjectNode json = WireJson.objectOrNull(body);
        String token = json == null ? "" : json.path("nextPageToken").asText("");
        return token.isEmpty() ? null : token;
    }
}
