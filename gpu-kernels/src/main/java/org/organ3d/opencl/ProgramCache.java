package org.organ3d.opencl;

import static org.jocl.CL.CL_PROGRAM_BUILD_LOG;
import static org.jocl.CL.clBuildProgram;
import static org.jocl.CL.clCreateKernel;
import static org.jocl.CL.clCreateProgramWithSource;
import static org.jocl.CL.clGetProgramBuildInfo;
import static org.jocl.CL.clReleaseKernel;
import static org.jocl.CL.clReleaseProgram;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.cl_context;
import org.jocl.cl_device_id;
import org.jocl.cl_kernel;
import org.jocl.cl_program;

/**
 * The programs built on one context, cached by SHA-256 of the source text plus the build options,
 * and their kernels by name. Sources are the {@code .cl} resources in
 * {@code org/organ3d/opencl/kernels/}. Build options always hold {@code -cl-std=CL1.2}, {@code -cl-fp32-correctly-rounded-divide-sqrt} (where the device has it) and
 * {@code -DORGAN3D_FP64=1} where the device has {@code cl_khr_fp64} (0 otherwise).
 *
 * <p>A failed build throws {@link KernelBuildException} with the compiler's log (this package's
 * tests break a source on purpose through {@link Faults#brokenKernel}, so the build fails for real).
 * Not thread-safe (owned by one context).
 */
public final class ProgramCache implements AutoCloseable {

    /** Every kernel family shipped, as resource names. */
    public static final List<String> SOURCES = List.of("scan.cl", "threshold.cl", "reduce.cl", "flying_edges.cl", "label_stats.cl",
            "mesh_measure.cl", "components.cl", "distance.cl", "screening.cl");

    private static final String ROOT = "/org/organ3d/opencl/kernels/";

    private final cl_context context;
    private final cl_device_id device;
    private final String baseOptions;
    private final Map<String, cl_program> programs = new HashMap<>();
    private final Map<String, cl_kernel> kernels = new HashMap<>();
    private final Map<String, String> keys = new HashMap<>();

    ProgramCache(cl_context context, OpenClDevice device) {
        this.context = context;
        this.device = device.id();
        // NB: correctly rounded float division, so that t = (iso - a) / (b - a) rounds exactly as in Java;
        // a device without it still builds (vertex positions then agree to an ulp of t, well within 1e-4 mm).
        this.baseOptions = "-cl-std=CL1.2" + (device.hasCorrectlyRoundedDivide() ? " -cl-fp32-correctly-rounded-divide-sqrt" : "")
                + " -DORGAN3D_FP64=" + (device.hasFp64() ? 1 : 0);
    }

    /** The options every program is built with. */
    public String baseOptions() {
        return baseOptions;
    }

    /**
     * The text of a kernel source resource, with each line {@code #include "x.clh"} replaced by that
     * header resource's text (headers include nothing themselves), and the test hook applied.
     */
    public static String sourceText(String name) {
        String s = resource(name);
        if (s.contains("#include \"")) {
            StringBuilder b = new StringBuilder(s.length() + 4096);
            for (String line : s.split("\n", -1)) {
                String t = line.strip();
                if (t.startsWith("#include \"") && t.endsWith(".clh\"")) {
                    b.append(resource(t.substring("#include \"".length(), t.length() - 1))).append('\n');
                } else {
                    b.append(line).append('\n');
                }
            }
            s = b.toString();
        }
        if (name.equals(Faults.brokenKernel)) {
            s = s + "\n__kernel void organ3d_broken_on_purpose( { this is not OpenCL C }\n";
        }
        return s;
    }

    private static String resource(String name) {
        try (InputStream in = ProgramCache.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no kernel source " + ROOT + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading kernel source " + name, e);
        }
    }

    /**
     * The program built from source resource {@code name} with the base options.
     *
     * @throws KernelBuildException with the build log when it does not compile
     */
    public cl_program program(String name) {
        return program(name, "");
    }

    /**
     * The program built from source resource {@code name} with the base options plus {@code extraOptions}
     * (e.g. the sample type defines of {@link SampleFormat}); cached per options.
     *
     * @throws KernelBuildException with the build log when it does not compile
     */
    public cl_program program(String name, String extraOptions) {
        String options = extraOptions.isEmpty() ? baseOptions : baseOptions + " " + extraOptions;
        // NB: the text and its hash are computed once per source and options, not per kernel launch.
        String key = keys.get(name + "|" + options);
        cl_program p = key == null ? null : programs.get(key);
        if (p != null) {
            return p;
        }
        String text = sourceText(name);
        key = sha256(text) + "|" + options;
        p = programs.get(key);
        if (p != null) {
            keys.put(name + "|" + options, key);
            return p;
        }
        cl_program prog;
        try {
            prog = clCreateProgramWithSource(context, 1, new String[] {text}, null, null);
        } catch (CLException e) {
            throw OpenClContext.failure("creating program " + name, e);
        }
        try {
            clBuildProgram(prog, 1, new cl_device_id[] {device}, options, null, null);
        } catch (CLException e) {
            String log = buildLog(prog);
            clReleaseProgram(prog);
            throw new KernelBuildException(name, options, log, e);
        }
        programs.put(key, prog);
        keys.put(name + "|" + options, key);
        return prog;
    }

    /** Kernel {@code kernelName} of the program from source {@code name} (created once, then reused). */
    public cl_kernel kernel(String name, String kernelName) {
        return kernel(name, "", kernelName);
    }

    /** Kernel {@code kernelName} of the program from source {@code name} built with {@code extraOptions}. */
    public cl_kernel kernel(String name, String extraOptions, String kernelName) {
        String key = name + "|" + extraOptions + "/" + kernelName;
        cl_kernel k = kernels.get(key);
        if (k == null) {
            cl_program p = program(name, extraOptions);
            try {
                k = clCreateKernel(p, kernelName, null);
            } catch (CLException e) {
                throw OpenClContext.failure("creating kernel " + kernelName + " of " + name, e);
            }
            kernels.put(key, k);
        }
        return k;
    }

    private String buildLog(cl_program prog) {
        try {
            long[] size = new long[1];
            clGetProgramBuildInfo(prog, device, CL_PROGRAM_BUILD_LOG, 0, null, size);
            byte[] buf = new byte[(int) Math.min(size[0], 1 << 20)];
            clGetProgramBuildInfo(prog, device, CL_PROGRAM_BUILD_LOG, buf.length, Pointer.to(buf), null);
            int n = buf.length;
            while (n > 0 && buf[n - 1] == 0) {
                n--;
            }
            return new String(buf, 0, n, StandardCharsets.UTF_8);
        } catch (CLException e) {
            return "(build log unavailable: " + e.getMessage() + ")";
        }
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        for (cl_kernel k : kernels.values()) {
            try {
                clReleaseKernel(k);
            } catch (CLException e) {
                // NB: releasing on a lost device may fail.
            }
        }
        for (cl_program p : programs.values()) {
            try {
                clReleaseProgram(p);
            } catch (CLException e) {
                // NB: as above.
            }
        }
        kernels.clear();
        programs.clear();
        keys.clear();
    }
}
