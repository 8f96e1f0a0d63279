package io.uniapi.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uniapi.errors.InvalidRequestException;

import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How much reasoning the client asked for, read once per request from what uni-api users write: an alias suffix
 * {@code -think} or {@code -think-N} (anywhere before other suffixes, e.g. {@code gemini-2.5-flash-think-1024-search})
 * and the OpenAI fields {@code reasoning_effort} or {@code reasoning.effort}. Each engine maps these to its own
 * controls (Anthropic thinking budget, Gemini thinking config, OpenAI reasoning effort).
 *
 * @param think      the alias carries a {@code -think} suffix
 * @param thinkBudget the {@code N} of {@code -think-N}, if given
 * @param effort     {@code none}, {@code minimal}, {@code low}, {@code medium}, {@code high} or {@code xhigh}; null if absent
 */
public record ReasoningHints(boolean think, OptionalInt thinkBudget, String effort) {
    public static final Set<String> EFFORTS = Set.of("none", "minimal", "low", "medium", "high", "xhigh");
    private static final Pattern THINK = Pattern.compile("-think(?:ing)?(?:-(\\d{1,7}))?(?=-|$)", Pattern.CASE_INSENSITIVE);

    /** Reads the hints of a request; an unknown {@code reasoning_effort} is the client's error (400). */
    public static ReasoningHints of(String alias, ObjectNode body) {
        Matcher matcher = THINK.matcher(alias == null ? "" : alias);
        boolean think = matcher.find();
        OptionalInt budget = think && matcher.group(1) != null
                ? OptionalInt.of(Integer.parseInt(matcher.group(1))) : OptionalInt.empty();
        return new ReasoningHints(think, budget, effort(body));
    }

    public boolean requested() {
        return think || (effort != null && !effort.equals("none"));
    }

    private static String effort(ObjectNode body) {
        JsonNode effort = body.get("reasoning_effort");
        String param = "reasoning_effort";
        if (effort == null || effort.isNull()) {
            effort = body.path("reasoning").get("effort");
            param = "reasoning.effort";
        }
        if (effort == null || effort.isNull()) {
            return null;
        }
        String value = effort.isTextual() ? effort.textValue().trim().toLowerCase(Locale.ROOT) : "";
        if (!EFFORTS.contains(value)) {
            throw new InvalidRequestException("invalid_value", param, "'" + param + "' must be one of none, minimal, "
                    + "low, medium, high, xhigh (got " + effort + ")");
        }
        return value;
    }
}
