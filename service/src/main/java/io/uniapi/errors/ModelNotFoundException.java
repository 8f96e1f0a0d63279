package io.uniapi.errors;

/**
 * 404: the model is unknown, or not allowed for this key. The two cases answer alike on purpose so that a key
 * cannot probe which models exist behind other keys.
 */
public final class ModelNotFoundException extends GatewayException {
    public ModelNotFoundException(String model) {
        super(404, "invalid_request_error", "model_not_found", "model",
                "The model '" + model + "' does not exist or you do not have access to it.", null);
    }

    @Override
    public String category() {
        return "model_not_found";
    }
}
