package org.organ3d.inference;

import java.util.Locale;

/**
 * Where ONNX Runtime runs a model: the CPU, a CUDA device, or {@code auto}.
 *
 * <p>The rule is the one of organ3d's compute backends: {@link #AUTO} takes CUDA device 0 when the
 * ONNX Runtime on the class path has the CUDA provider (the {@code onnxruntime_gpu} artifact) and
 * the device opens, else the CPU with one warning saying why; a CUDA device asked for by name is
 * used or the run fails with {@link DeviceUnavailableException} naming the reason. The default is
 * the CPU.
 *
 * @param kind  CPU, CUDA or AUTO
 * @param index the CUDA device ordinal (0 for CPU and AUTO)
 */
public record Device(Kind kind, int index) {

    /** The kinds of device. */
    public enum Kind {
        CPU, CUDA, AUTO
    }

    /** The CPU (ONNX Runtime's default execution provider). */
    public static final Device CPU = new Device(Kind.CPU, 0);

    /** CUDA device 0 when it can be used, else the CPU with one warning. */
    public static final Device AUTO = new Device(Kind.AUTO, 0);

    public Device {
        if (kind == null) {
            throw new IllegalArgumentException("device kind is null");
        }
        if (index < 0 || (kind != Kind.CUDA && index != 0)) {
            throw new IllegalArgumentException("bad device index " + index + " for " + kind);
        }
    }

    /** CUDA device {@code index}. */
    public static Device cuda(int index) {
        return new Device(Kind.CUDA, index);
    }

    /**
     * Parses {@code cpu}, {@code auto}, {@code cuda} (device 0) or {@code cuda:N}.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static Device parse(String s) {
        String t = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
        if (t.equals("cpu")) {
            return CPU;
        }
        if (t.equals("auto")) {
            return AUTO;
        }
        if (t.equals("cuda")) {
            return cuda(0);
        }
        if (t.startsWith("cuda:")) {
            try {
                int n = Integer.parseInt(t.substring(5));
                if (n >= 0 && n < 1024) {
                    return cuda(n);
                }
            } catch (NumberFormatException e) {
                // falls through to the error below
            }
        }
        throw new IllegalArgumentException("device must be cpu, auto, cuda or cuda:N (got '" + s + "')");
    }

    @Override
    public String toString() {
        return switch (kind) {
            case CPU -> "cpu";
            case AUTO -> "auto";
            case CUDA -> "cuda:" + index;
        };
    }
}
