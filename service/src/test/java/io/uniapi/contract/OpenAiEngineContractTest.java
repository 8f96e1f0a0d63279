package io.uniapi.contract;

/** The contract suite against the OpenAI-compatible engine ({@code gpt}). */
class OpenAiEngineContractTest extends EngineContractTest {
    @Override
    protected ContractUpstream provider() {
        return new OpenAiContractUpstream();
    }
}
