package io.uniapi.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uniapi.providers.ReasoningHints;

import java.util.Map;

/**
 * Extended thinking (https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking) from what the client
 * asked: an explicit {@code thinking} object wins; else an alias {@code -think} (budget 4096) or {@code -think-N}
 * (budget N; 0 turns thinking off); else {@code reasoning_effort}. Budgets below Anthropic's minimum of 1024 are
 * raised to it; {@code max_tokens} is raised above the budget when needed; thinking requires the default temperature,
 * so {@code temperature} becomes 1 and {@code top_p}/{@code top_k} go. A request that forces a tool call gets no
 * thinking, which Anthropic would refuse.
 */
final class AnthropicThinking {
    static final int DEFAULT_BUDGET = 4096;
    static final int MIN_BUDGET = 1024;
    static final Map<String, Integer> EFFORT_BUDGETS = Map.of(
            "minimal", 1024, "low", 2048, "medium", 8192, "high", 16384, "xhigh", 32768);

    private AnthropicThinking() {
    }

    static void apply(ObjectNode client, ReasoningHints hints, ObjectNode upstream) {
        JsonNode explicit = client.get("thinking");
        ObjectNode thinking;
        if (explicit instanceof ObjectNode object) {
            thinking = object;
        } else {
            Integer budget = budget(hints);
            if (budget == null) {
                return;
            }
            thinking = upstream.objectNode().put("type", "enabled").put("budget_tokens", budget);
        }
        if (AnthropicTools.forcesToolUse(upstream) && "enabled".equals(thinking.path("type").asText())) {
            return;
        }
        upstream.set("thinking", thinking);
        if (!"enabled".equals(thinking.path("type").asText())) {
            return;
        }
        int budget = thinking.path("budget_tokens").asInt(0);
        int maxTokens = upstream.path("max_tokens").asInt();
        if (maxTokens <= budget) {
            upstream.put("max_tokens", budget + maxTokens);
        }
        upstream.put("temperature", 1);
        upstream.remove("top_p");
        upstream.remove("top_k");
    }

    private static Integer budget(ReasoningHints hints) {
        if (hints.think()) {
            int budget = hints.thinkBudget().orElse(DEFAULT_BUDGET);
            return budget == 0 ? null : Math.max(MIN_BUDGET, budget);
        }
        return hints.effort() == null ? null : EFFORT_BUDGETS.get(hints.effort());
    }
}
