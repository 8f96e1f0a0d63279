package io.uniapi.contract;

/** The contract suite against the Gemini engine ({@code gemini}, Google AI Studio). */
class GeminiEngineContractTest extends EngineContractTest {
    @Override
    protected ContractUpstream provider() {
        return new GeminiContractUpstream();
    }
}
