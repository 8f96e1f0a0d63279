package io.uniapi.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uniapi.providers.AttemptTarget;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Per-model fixes uni-api applies to OpenAI-compatible bodies (behaviour reference §5.1), so that one client request
 * works on every model: reasoning models ({@code gpt-5*}, {@code o1}/{@code o3}/{@code o4}…, {@code gpt-oss*}) take
 * {@code max_completion_tokens} and refuse {@code temperature}, and get {@code reasoning_effort} from an alias ending
 * in {@code high}/{@code low} (as {@code grok-3-mini} does); xAI refuses the penalties; DeepSeek-R1 gets its recommended
 * temperature; a {@code -search} alias of a Gemini model gets the {@code googleSearch} tool Gemini's OpenAI-compatible
 * endpoint understands.
 */
final class OpenAiModelTweaks {
    private static final Pattern O_SERIES = Pattern.compile("(^|/)o\\d+(-|$)");
    private static final Pattern EFFORT_SUFFIX = Pattern.compile("(?:^|[-_])(high|low)$");

    private OpenAiModelTweaks() {
    }

    static void apply(ObjectNode body, AttemptTarget target, URI chatUrl) {
        String model = target.upstreamModel().toLowerCase(Locale.ROOT);
        String alias = target.alias().toLowerCase(Locale.ROOT);
        boolean reasoningModel = model.contains("gpt-5") || model.startsWith("gpt-oss") || model.contains("/gpt-oss")
                || O_SERIES.matcher(model).find();
        if (reasoningModel) {
            JsonNode maxTokens = body.remove("max_tokens");
            if (maxTokens != null && !body.has("max_completion_tokens")) {
                body.set("max_completion_tokens", maxTokens);
            }
            body.remove("temperature");
            if (model.contains("gpt-5.2")) {
                body.remove("top_p");
            }
        }
        if ((reasoningModel || model.contains("grok-3-mini")) && !body.has("reasoning_effort") && !alias.equals(model)) {
            var effort = EFFORT_SUFFIX.matcher(alias);
            if (effort.find()) {
                body.put("reasoning_effort", effort.group(1));
            }
        }
        if (chatUrl.getHost() != null && chatUrl.getHost().endsWith("api.x.ai")) {
            body.remove("presence_penalty");
            body.remove("frequency_penalty");
        }
        if (model.startsWith("deepseek-r") && !body.has("temperature")) {
            body.put("temperature", 0.6);
        }
        if (alias.endsWith("-search") && model.contains("gemini")) {
            ArrayNode tools = body.get("tools") instanceof ArrayNode existing ? existing.deepCopy() : body.arrayNode();
            tools.addObject().put("type", "function").putObject("function").put("name", "googleSearch");
            body.set("tools", tools);
        }
    }
}
