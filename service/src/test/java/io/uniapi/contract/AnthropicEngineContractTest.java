package io.uniapi.contract;

/** The contract suite against the Anthropic engine ({@code claude}). */
class AnthropicEngineContractTest extends EngineContractTest {
    @Override
    protected ContractUpstream provider() {
        return new AnthropicContractUpstream();
    }
}
