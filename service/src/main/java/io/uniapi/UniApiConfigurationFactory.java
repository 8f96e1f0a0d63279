package io.uniapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.ConfigurationSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.uniapi.config.EnvExpander;
import jakarta.validation.Validator;

import java.io.IOException;
import java.util.function.UnaryOperator;

/**
 * Reads the Dropwizard sections of {@code api.yaml} so that a plain uni-api file works unchanged: {@code ${VAR}} and
 * {@code ${VAR:-default}} are expanded everywhere, and missing framework sections get this gateway's defaults
 * (API on port 8000 as uni-api, or {@code $PORT}; admin on 8081; no per-request access log).
 */
final class UniApiConfigurationFactory<T> extends YamlConfigurationFactory<T> {
    static final int DEFAULT_PORT = 8000;
    static final int DEFAULT_ADMIN_PORT = 8081;

    private final UnaryOperator<String> environment;
    private final EnvExpander env;

    UniApiConfigurationFactory(Class<T> klass, Validator validator, ObjectMapper mapper, String prefix,
                               UnaryOperator<String> environment) {
        super(klass, validator, mapper, prefix);
        this.environment = environment;
        this.env = new EnvExpander(environment);
    }

    @Override
    public T build(ConfigurationSourceProvider provider, String path) throws IOException, ConfigurationException {
        T configuration = super.build(provider, path);
        if (configuration instanceof UniApiConfiguration uniApi) {
            uniApi.setConfigPath(path);
        }
        return configuration;
    }

    @Override
    public T build() throws IOException, ConfigurationException {
        return build(mapper.createObjectNode(), "default configuration");
    }

    @Override
    protected T build(JsonNode node, String path) throws IOException, ConfigurationException {
        if (node instanceof ObjectNode root) {
            env.expandTree(root);
            applyServerDefaults(root);
        }
        return super.build(node, path);
    }

    private void applyServerDefaults(ObjectNode root) {
        JsonNode existing = root.get("server");
        ObjectNode server = existing instanceof ObjectNode object ? object : root.putObject("server");
        String type = server.path("type").asText("default");
        if (!type.equals("default")) {
            return;
        }
        if (!server.has("applicationConnectors")) {
            ObjectNode connector = server.putArray("applicationConnectors").addObject();
            connector.put("type", "http");
            connector.put("port", port(environment.apply("PORT")));
            String host = environment.apply("HOST");
            if (host != null && !host.isBlank()) {
                connector.put("bindHost", host);
            }
        }
        if (!server.has("adminConnectors")) {
            ArrayNode admin = server.putArray("adminConnectors");
            admin.addObject().put("type", "http").put("port", DEFAULT_ADMIN_PORT);
        }
        if (!server.has("gzip")) {
            // LLM answers are small JSON or SSE that must not wait in a compressor; gzip costs CPU on every request.
            server.putObject("gzip").put("enabled", false);
        }
        if (!server.has("requestLog")) {
            server.putObject("requestLog").putArray("appenders");
        }
    }

    private static int port(String value) {
        try {
            return value == null || value.isBlank() ? DEFAULT_PORT : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return DEFAULT_PORT;
        }
    }
}
