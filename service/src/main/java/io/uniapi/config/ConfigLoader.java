package io.uniapi.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.util.stream.Collectors;

/** Text of {@code api.yaml} → validated {@link GatewayConfig}: YAML parse, {@code ${VAR}} expansion, validation. */
public final class ConfigLoader {
    private final YAMLMapper yaml = new YAMLMapper();
    private final EnvExpander env;
    private final GatewayConfigParser parser = new GatewayConfigParser();

    public ConfigLoader(EnvExpander env) {
        this.env = env;
    }

    public GatewayConfigParser.Parsed load(String text) throws ConfigException {
        if (text == null || text.isBlank()) {
            throw new ConfigException("", "the file is empty");
        }
        JsonNode root;
        try {
            root = yaml.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ConfigException("", "not valid YAML" + where(e.getLocation()) + ": " + reason(e)
                    + placeholderHint(text, e.getLocation()));
        }
        env.expandTree(root);
        return parser.parse(root);
    }

    /**
     * The parser's own words without its excerpt of the file: SnakeYAML writes "while parsing X", then the file
     * excerpt (indented lines), then what it expected.
     */
    private static String reason(JsonProcessingException e) {
        String reason = e.getOriginalMessage().lines()
                .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
                .collect(Collectors.joining(": "));
        return reason.isEmpty() ? "syntax error" : reason;
    }

    /** {@code [${KEY}]} is a YAML error (the brace opens a mapping); say how to write it, since uni-api files do this. */
    private static String placeholderHint(String text, JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        String line = text.lines().skip(location.getLineNr() - 1).findFirst().orElse("");
        return line.matches(".*[\\[{,]\\s*\\$\\{.*")
                ? " (quote placeholders inside [ ] or { }, e.g. [\"${VAR}\"])" : "";
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
