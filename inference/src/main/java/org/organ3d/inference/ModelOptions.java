package org.organ3d.inference;

/**
 * How a model's ONNX Runtime session is made.
 *
 * @param device  where it runs ({@link Device#CPU} by default)
 * @param threads ONNX Runtime intra-op threads, 0 for its default (one per physical core)
 */
public record ModelOptions(Device device, int threads) {

    public ModelOptions {
        if (device == null) {
            throw new IllegalArgumentException("device is null");
        }
        if (threads < 0 || threads > 4096) {
            throw new IllegalArgumentException("threads must be 0..4096: " + threads);
        }
    }

    /** The CPU with ONNX Runtime's default thread count. */
    public static ModelOptions defaults() {
        return new ModelOptions(Device.CPU, 0);
    }

    public ModelOptions withDevice(Device d) {
        return new ModelOptions(d, threads);
    }

    public ModelOptions withThreads(int n) {
        return new ModelOptions(device, n);
    }
}
