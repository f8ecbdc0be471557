package org.organ3d.inference;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An ONNX model cannot be used with its card: the file is not an ONNX model, or its input or
 * output (rank, element type, channel count, spatial size) does not match what the card says. The
 * message names the model file and the mismatch.
 */
public class InvalidModelException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path model;

    /**
     * @param model the model file, or null for a model given as bytes
     * @param cause what is wrong, in words
     */
    public InvalidModelException(Path model, String cause) {
        super((model == null ? "model" : model.toString()) + ": " + cause);
        this.model = model;
    }

    public InvalidModelException(Path model, String cause, Throwable t) {
        super((model == null ? "model" : model.toString()) + ": " + cause, t);
        this.model = model;
    }

    /** The model file, or null. */
    public Path model() {
        return model;
    }
}
