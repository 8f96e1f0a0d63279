package io.uniapi.contract;

/** The contract suite against Gemini on Vertex AI ({@code vertex-gemini}, service account). */
class VertexGeminiEngineContractTest extends EngineContractTest {
    @Override
    protected ContractUpstream provider() {
        return new VertexGeminiContractUpstream();
    }
}
