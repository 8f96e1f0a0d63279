package io.uniapi.contract;

/** The contract suite against the Azure OpenAI engine ({@code azure}). */
class AzureEngineContractTest extends EngineContractTest {
    @Override
    protected ContractUpstream provider() {
        return new AzureContractUpstream();
    }
}
