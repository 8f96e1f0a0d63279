package io.uniapi.config;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * The uni-api part of {@code api.yaml}, validated.
 *
 * @param frameworkSections the Dropwizard sections ({@code server}, {@code logging}, …) as written; a reload
 *                          compares them to tell the operator that a restart is needed
 */
public record GatewayConfig(
        List<ProviderConfig> providers,
        List<ClientKeyConfig> apiKeys,
        Preferences preferences,
        ObjectNode frameworkSections) {
}
