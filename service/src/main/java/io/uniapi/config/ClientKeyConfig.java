package io.uniapi.config;

import java.util.List;

/**
 * One {@code api_keys[]} entry: a client credential, its ordered routing rules and its preferences.
 *
 * @param role  the {@code role:} as written, or null
 * @param rules never empty: an absent or empty {@code model} means {@code [all]}
 */
public record ClientKeyConfig(String api, String role, List<ModelRule> rules, Preferences preferences, String path) {
}
