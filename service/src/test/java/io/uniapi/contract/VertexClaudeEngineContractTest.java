package io.uniapi.contract;

/** The contract suite against Claude on Vertex AI ({@code vertex-claude}, service account). */
class VertexClaudeEngineContractTest extends EngineContractTest {
    @Override
    protected ContractUpstream provider() {
        return new VertexClaudeContractUpstream();
    }
}
