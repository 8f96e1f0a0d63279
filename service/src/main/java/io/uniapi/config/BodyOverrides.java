package io.uniapi.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A channel's {@code preferences.post_body_parameter_overrides} (behaviour reference §5.12), compiled: fields every
 * upstream body of the channel gets, and blocks applied only when the client asked for one model alias. Applied by
 * every engine to the upstream body it built, in this order: global fields deep-merged (objects merge, lists and
 * scalars replace), global {@code __remove__}, the requested alias's block merged, its {@code __remove__}.
 *
 * <p>A key names a model block when it is one of the channel's aliases (or upstream names); any other key is a body
 * field. {@code stream} is never merged: the gateway decides the upstream's streaming mode itself.
 */
public final class BodyOverrides {
    public static final BodyOverrides NONE = new BodyOverrides(Block.EMPTY, Map.of());
    static final String REMOVE = "__remove__";

    private final Block global;
    private final Map<String, Block> byModel;

    private BodyOverrides(Block global, Map<String, Block> byModel) {
        this.global = global;
        this.byModel = byModel;
    }

    /**
     * @param models the channel's model names (aliases and upstream names): keys equal to one of them are model blocks
     */
    static BodyOverrides compile(JsonNode node, Set<String> models, String path, List<ConfigProblem> problems) {
        if (node == null || node.isNull()) {
            return NONE;
        }
        if (!(node instanceof ObjectNode map)) {
            problems.add(new ConfigProblem(path, NodeReader.describe(node)
                    + " (expected a mapping of body fields, or of model names to body fields)"));
            return NONE;
        }
        ObjectNode globalFields = map.objectNode();
        Map<String, Block> blocks = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = map.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String where = NodeReader.child(path, field.getKey());
            if (models.contains(field.getKey()) && !field.getKey().equals(REMOVE)) {
                if (field.getValue() instanceof ObjectNode block) {
                    blocks.put(field.getKey(), Block.compile(block, where, problems));
                } else {
                    problems.add(new ConfigProblem(where, NodeReader.describe(field.getValue())
                            + " (expected a mapping of body fields for model '" + field.getKey() + "')"));
                }
            } else {
                globalFields.set(field.getKey(), field.getValue());
            }
        }
        Block globalBlock = Block.compile(globalFields, path, problems);
        if (globalBlock.isEmpty() && blocks.isEmpty()) {
            return NONE;
        }
        return new BodyOverrides(globalBlock, Map.copyOf(blocks));
    }

    public boolean isEmpty() {
        return this == NONE;
    }

    /** Applies the overrides for a request for {@code alias} (served as {@code upstreamModel}) to {@code body}, in place. */
    public void apply(ObjectNode body, String alias, String upstreamModel) {
        if (isEmpty()) {
            return;
        }
        global.apply(body);
        Block block = byModel.get(alias);
        if (block == null) {
            block = byModel.get(upstreamModel);
        }
        if (block != null) {
            block.apply(body);
        }
    }

    /** Fields to merge and removal rules, of the global part or of one model. */
    private record Block(ObjectNode fields, List<RemovalRule> removals) {
        static final Block EMPTY = new Block(null, List.of());

        static Block compile(ObjectNode node, String path, List<ConfigProblem> problems) {
            ObjectNode fields = node.deepCopy();
            JsonNode remove = fields.remove(REMOVE);
            fields.remove("stream");
            List<RemovalRule> removals = new ArrayList<>();
            if (remove != null && !remove.isNull()) {
                String removePath = NodeReader.child(path, REMOVE);
                if (remove.isArray()) {
                    for (int i = 0; i < remove.size(); i++) {
                        addRule(remove.get(i), NodeReader.index(removePath, i), removals, problems);
                    }
                } else {
                    addRule(remove, removePath, removals, problems);
                }
            }
            return new Block(fields.isEmpty() ? null : fields, List.copyOf(removals));
        }

        private static void addRule(JsonNode rule, String path, List<RemovalRule> out, List<ConfigProblem> problems) {
            try {
                out.add(RemovalRule.parse(rule));
            } catch (IllegalArgumentException e) {
                problems.add(new ConfigProblem(path, e.getMessage()));
            }
        }

        boolean isEmpty() {
            return fields == null && removals.isEmpty();
        }

        void apply(ObjectNode body) {
            if (fields != null) {
                JsonMerge.deepMerge(body, fields);
            }
            for (RemovalRule rule : removals) {
                rule.apply(body);
            }
        }
    }
}
