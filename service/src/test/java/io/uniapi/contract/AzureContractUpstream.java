package io.uniapi.contract;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uniapi.testing.FakeUpstream;
import io.uniapi.testing.RecordedRequest;

import java.util.ArrayList;
import java.util.List;

/**
 * A strict fake of Azure OpenAI (https://learn.microsoft.com/azure/ai-services/openai/reference): the deployment
 * path, an {@code api-key} header (a Bearer header is refused), a required {@code api-version}; answers carry Azure's
 * prompt and content filter annotations, which clients must not see.
 */
public final class AzureContractUpstream extends OpenAiContractUpstream {
    static final String DEPLOYMENT = "prod-chat";

    @Override
    public String upstreamModel() {
        return DEPLOYMENT;
    }

    @Override
    protected String chatPath() {
        return "/openai/deployments/" + DEPLOYMENT + "/chat/completions";
    }

    @Override
    public String providerYaml(String name, FakeUpstream upstream, List<String> models) {
        return """
                - provider: %s
                  base_url: %s
                  engine: azure
                  api: azure-contract-secret-1
                  model: [%s]
                """.formatted(name, upstream.baseUrl(), String.join(", ", models.stream().map(m -> "{" + m + "}").toList()));
    }

    @Override
    protected String validateTransport(RecordedRequest request) {
        if (request.header("api-key") == null || request.header("Authorization") != null) {
            return "Access denied due to missing subscription key. Make sure to include the api-key header.";
        }
        if (request.query() == null || !request.query().contains("api-version=2024-10-21")) {
            return "Missing or unsupported api-version query parameter (got " + request.query() + ")";
        }
        return null;
    }

    @Override
    protected List<ObjectNode> decorate(List<ObjectNode> chunks) {
        List<ObjectNode> decorated = new ArrayList<>();
        ObjectNode filters = JSON.createObjectNode().put("id", "").put("object", "").put("created", 0).put("model", "");
        filters.putArray("choices");
        filters.putArray("prompt_filter_results").addObject().put("prompt_index", 0).putObject("content_filter_results");
        decorated.add(filters);
        for (ObjectNode chunk : chunks) {
            chunk.path("choices").forEach(choice -> ((ObjectNode) choice).putObject("content_filter_results")
                    .putObject("hate").put("filtered", false).put("severity", "safe"));
            decorated.add(chunk);
        }
        return decorated;
    }

    @Override
    protected ObjectNode decorate(ObjectNode completion) {
        completion.putArray("prompt_filter_results").addObject().put("prompt_index", 0).putObject("content_filter_results");
        completion.path("choices").forEach(choice -> ((ObjectNode) choice).putObject("content_filter_results"));
        return completion;
    }
}
