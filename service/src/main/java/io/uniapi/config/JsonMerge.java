package io.uniapi.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;

/** The deep merge of {@code post_body_parameter_overrides}: objects merge key by key, lists and scalars replace. */
final class JsonMerge {
    private JsonMerge() {
    }

    /** Merges {@code overrides} into {@code target}; values are copied, so the config tree is never shared. */
    static void deepMerge(ObjectNode target, ObjectNode overrides) {
        Iterator<Map.Entry<String, JsonNode>> fields = overrides.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode existing = target.get(field.getKey());
            if (existing instanceof ObjectNode existingObject && field.getValue() instanceof ObjectNode overrideObject) {
                // The target may be shared with the client's body (translators copy shallowly): merge into a copy.
                ObjectNode merged = existingObject.deepCopy();
                deepMerge(merged, overrideObject);
                target.set(field.getKey(), merged);
            } else {
                target.set(field.getKey(), field.getValue().deepCopy());
            }
        }
    }
}
