package io.uniapi.config;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Optional;

/**
 * One {@code providers[]} entry (a channel) as written, after validation.
 *
 * @param apiKeys    upstream keys, in order (empty for channels authenticated otherwise, e.g. Vertex service accounts)
 * @param models     the declared models, or empty when they are to be discovered from the upstream
 * @param engine     the {@code engine:} override, or null to detect it from {@code base_url}
 * @param raw        the whole entry, for engine-specific keys ({@code project_id}, {@code cf_account_id}, …)
 * @param path       where it is in the file, e.g. {@code providers[2]}
 */
public record ProviderConfig(
        String name,
        String baseUrl,
        List<String> apiKeys,
        Optional<List<ModelEntry>> models,
        boolean tools,
        String engine,
        Preferences preferences,
        ObjectNode raw,
        String path) {

    public boolean discoversModels() {
        return models.isEmpty();
    }

    /** {@code image: false} drops image parts from requests to this channel (uni-api's undocumented key). */
    public boolean acceptsImages() {
        String image = rawString("image");
        return image == null || !image.trim().equalsIgnoreCase("false");
    }

    /** A string key of the entry (e.g. {@code project_id}), or null. */
    public String rawString(String key) {
        var node = raw.get(key);
        return node == null || node.isNull() || !node.isValueNode() ? null : node.asText();
    }
}
