package org.organ3d.inference;

import java.io.IOException;

/**
 * Running a model failed: ONNX Runtime reported an error for a patch, the model produced values
 * that are not finite, or the run needs more memory than the JVM has. The message says which.
 */
public class InferenceException extends IOException {
    private static final long serialVersionUID = 1L;

    public InferenceException(String message) {
        super(message);
    }

    public InferenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
