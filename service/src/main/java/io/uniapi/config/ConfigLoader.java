package io.uniapi.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

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
            throw new ConfigException("", "not valid YAML" + where(e.getLocation()) + ": " + e.getOriginalMessage()
                    .lines().findFirst().orElse("syntax error"));
        }
        env.expandTree(root);
        return parser.parse(root);
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
