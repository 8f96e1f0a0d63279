package io.uniapi.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Set;

/**
 * Which keys of {@code api.yaml} this gateway knows, per section. {@link #ACTIVE} keys are acted on;
 * {@link #PENDING} keys are valid uni-api keys that this version accepts but does not act on yet (one warning line
 * each at load, never an error). Anything else is reported as unknown (a likely typo), also as a warning, because
 * uni-api accepts unknown keys.
 */
final class ConfigKeys {

    enum Section {
        TOP("", Set.of("providers", "api_keys", "preferences",
                "server", "logging", "metrics", "admin", "health", "database", "upstream_http", "model_discovery",
                "stats"),
                Set.of("video_providers")),
        PROVIDER("providers[]", Set.of("provider", "base_url", "api", "model", "tools", "engine", "preferences", "notes",
                "image", "project_id", "private_key", "client_email", "region", "token_url"),
                Set.of("cf_account_id",
                        "aws_access_key", "aws_secret_key", "exclude_endpoints", "only_request_types",
                        "exclude_request_types", "exclude_request_rules", "max_request_body_bytes")),
        PROVIDER_PREFERENCES("providers[].preferences", Set.of("headers", "proxy", "post_body_parameter_overrides",
                "model_timeout", "keepalive_interval", "cooldown_period", "api_key_rate_limit",
                "api_key_schedule_algorithm", "api_key_cooldown_period", "api_key_rate_limit_cooldown_period",
                "api_key_quota_cooldown_period"),
                Set.of("timeout_policy", "passthrough_request_headers",
                        "max_request_body_bytes", "exclude_endpoints",
                        "only_request_types", "exclude_request_types", "exclude_request_rules", "search_defaults",
                        "responses_stream_commit_policy")),
        CLIENT_KEY("api_keys[]", Set.of("api", "model", "role", "preferences"), Set.of("weights")),
        CLIENT_KEY_PREFERENCES("api_keys[].preferences", Set.of("AUTO_RETRY", "SCHEDULING_ALGORITHM", "rate_limit",
                "credits", "created_at"),
                Set.of("ENABLE_MODERATION")),
        GLOBAL_PREFERENCES("preferences", Set.of("max_request_body_bytes", "proxy", "model_price",
                "model_timeout", "keepalive_interval", "cooldown_period", "rate_limit", "error_triggers"),
                Set.of("timeout_policy", "hedging", "access_key", "secret_key"));

        private final String label;
        private final Set<String> active;
        private final Set<String> pending;

        Section(String label, Set<String> active, Set<String> pending) {
            this.label = label;
            this.active = active;
            this.pending = pending;
        }
    }

    /** Read once by Dropwizard at start-up: a change is logged as needing a restart. */
    static final Set<String> FRAMEWORK_SECTIONS = Set.of("server", "logging", "metrics", "admin", "health", "database",
            "upstream_http", "model_discovery", "stats");

    private ConfigKeys() {
    }

    /**
     * Warns about each key of {@code node} that is unknown in {@code section}; pending keys are gathered so that
     * each gives one warning line however many providers or keys use it.
     */
    static void check(Section section, JsonNode node, String path, NodeReader reader) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (section.active.contains(name)) {
                continue;
            }
            String where = NodeReader.child(path, name);
            if (section.pending.contains(name)) {
                reader.pending(section.label.isEmpty() ? name : section.label + "." + name, where);
            } else {
                reader.warn(where, "unknown key in " + (section.label.isEmpty() ? "the top level" : section.label)
                        + " (ignored; is it misspelt?)");
            }
        }
    }
}
