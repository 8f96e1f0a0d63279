package io.uniapi.providers.gemini;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uniapi.providers.ReasoningHints;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gemini's {@code generationConfig.thinkingConfig} from what the client asked for (behaviour reference §5.5): the
 * request's {@code reasoning_effort} (or {@code reasoning.effort}) wins over the alias suffixes {@code -think},
 * {@code -think-N} and (Gemini 3) {@code -minimal|-low|-medium|-high}. Gemini 2.5 takes a token budget, Gemini 3 a
 * level. Without any control, thinking models are asked to include their thoughts so that clients receive
 * {@code reasoning_content}.
 */
final class GeminiThinking {
    private static final Pattern LEVEL = Pattern.compile("-(minimal|low|medium|high)(?=-|$)");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private GeminiThinking() {
    }

    /**
     * Whether the client chose how much the model thinks. Such a choice is applied after
     * {@code post_body_parameter_overrides}, as in uni-api; the default below is not.
     */
    static boolean explicit(ReasoningHints hints, String alias) {
        return hints.think() || hints.effort() != null || LEVEL.matcher(alias.toLowerCase(Locale.ROOT)).find();
    }

    /** The thinking config, or null when the model does not think (or must not be told how). */
    static ObjectNode config(String upstreamModel, String alias, ReasoningHints hints) {
        String model = upstreamModel.toLowerCase(Locale.ROOT);
        if (model.contains("-image") || model.contains("-tts")) {
            return null;
        }
        String effort = hints.effort();
        String requested = alias.toLowerCase(Locale.ROOT);
        Integer budget = hints.thinkBudget().isPresent() ? hints.thinkBudget().getAsInt() : null;
        boolean thinkSuffix = hints.think();
        if (isGemini3(model)) {
            String level = effort != null ? levelFromEffort(effort, model)
                    : budget != null ? levelFromBudget(budget, model)
                    : thinkSuffix ? "high" : levelSuffix(requested);
            ObjectNode config = JSON.objectNode().put("includeThoughts", true);
            return level == null ? config : config.put("thinkingLevel", level);
        }
        if (model.contains("gemini-2.5")) {
            Integer tokens = null;
            if (effort != null) {
                tokens = budgetFromEffort(effort, model);
            } else if (budget != null) {
                tokens = clampBudget(budget, model);
            } else if (thinkSuffix) {
                tokens = -1;
            }
            if (tokens == null) {
                // Flash-Lite does not think unless asked to.
                return model.contains("flash-lite") ? null : JSON.objectNode().put("includeThoughts", true);
            }
            return JSON.objectNode().put("includeThoughts", tokens != 0).put("thinkingBudget", tokens);
        }
        return null;
    }

    static boolean isGemini3(String model) {
        String m = model.toLowerCase(Locale.ROOT);
        return m.startsWith("gemini-3") || m.contains("/gemini-3") || m.equals("gemini-flash-latest")
                || m.equals("gemini-flash-lite-latest") || m.equals("gemini-pro-latest");
    }

    private static String levelFromEffort(String effort, String model) {
        if (model.contains("pro")) {
            return effort.equals("high") || effort.equals("xhigh") ? "high" : "low";
        }
        return switch (effort) {
            case "none", "minimal" -> "minimal";
            case "low", "medium", "high" -> effort;
            default -> "high";
        };
    }

    private static String levelFromBudget(int budget, String model) {
        if (model.contains("pro")) {
            return budget <= 13107 ? "low" : "high";
        }
        return budget <= 3276 ? "minimal" : budget <= 9830 ? "low" : budget <= 19660 ? "medium" : "high";
    }

    private static String levelSuffix(String alias) {
        Matcher level = LEVEL.matcher(alias);
        String found = null;
        while (level.find()) {
            found = level.group(1);
        }
        return found;
    }

    private static int budgetFromEffort(String effort, String model) {
        boolean pro = model.contains("pro");
        int max = pro ? 32768 : 24576;
        return switch (effort) {
            case "none" -> pro ? 128 : 0;
            case "minimal", "low" -> max / 4;
            case "medium" -> max / 2;
            case "high" -> max * 3 / 4;
            default -> max;
        };
    }

    private static int clampBudget(int budget, String model) {
        if (model.contains("pro")) {
            return Math.max(128, Math.min(32768, budget));
        }
        if (model.contains("flash-lite")) {
            return budget == 0 ? 0 : Math.max(512, Math.min(24576, budget));
        }
        return Math.max(0, Math.min(24576, budget));
    }
}
