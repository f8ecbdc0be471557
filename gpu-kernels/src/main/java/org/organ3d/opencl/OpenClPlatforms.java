package org.organ3d.opencl;

import static org.jocl.CL.CL_DEVICE_EXTENSIONS;
import static org.jocl.CL.CL_DEVICE_GLOBAL_MEM_SIZE;
import static org.jocl.CL.CL_DEVICE_MAX_COMPUTE_UNITS;
import static org.jocl.CL.CL_DEVICE_MAX_MEM_ALLOC_SIZE;
import static org.jocl.CL.CL_DEVICE_MAX_WORK_GROUP_SIZE;
import static org.jocl.CL.CL_DEVICE_NAME;
import static org.jocl.CL.CL_DEVICE_OPENCL_C_VERSION;
import static org.jocl.CL.CL_DEVICE_TYPE;
import static org.jocl.CL.CL_DEVICE_TYPE_ACCELERATOR;
import static org.jocl.CL.CL_DEVICE_TYPE_ALL;
import static org.jocl.CL.CL_DEVICE_TYPE_GPU;
import static org.jocl.CL.CL_PLATFORM_NAME;
import static org.jocl.CL.CL_PLATFORM_VERSION;
import static org.jocl.CL.clGetDeviceIDs;
import static org.jocl.CL.clGetDeviceInfo;
import static org.jocl.CL.clGetPlatformIDs;
import static org.jocl.CL.clGetPlatformInfo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * Lists the OpenCL platforms and devices visible through JOCL and selects one. Never throws a raw
 * {@link CLException} or {@link LinkageError} for a missing OpenCL runtime: it is reported as an
 * {@link OpenClUnavailableException}.
 *
 * <p>Selection ({@link #select(String)}): the system property {@value #DEVICE_PROPERTY} (or the
 * argument) picks a device by its index in {@link #devices()} or by a case-insensitive substring of
 * "platform: device"; without it the first GPU (then accelerator, then any device) with the most
 * global memory wins. Thread-safe (stateless).
 */
public final class OpenClPlatforms {

    /** System property that picks the device: an index into {@link #devices()} or a name substring. */
    public static final String DEVICE_PROPERTY = "organ3d.opencl.device";

    private OpenClPlatforms() {
    }

    /** One device of one platform. */
    public record DeviceDescription(String platform, String platformVersion, String device) {
        @Override
        public String toString() {
            return platform + " (" + platformVersion + "): " + device;
        }
    }

    /**
     * Every device of every platform (short descriptions).
     *
     * @throws OpenClUnavailableException when the OpenCL library cannot be loaded or lists no device
     */
    public static List<DeviceDescription> list() {
        return devices().stream().map(d -> new DeviceDescription(d.platformName(), d.platformVersion(), d.name())).toList();
    }

    /**
     * Every device of every platform with the properties the backend sizes its work from.
     *
     * @throws OpenClUnavailableException when the OpenCL library cannot be loaded or lists no device
     */
    public static List<OpenClDevice> devices() {
        if (Faults.hidePlatforms) {
            throw new OpenClUnavailableException("no OpenCL platform (hidden: injected fault)");
        }
        // NB: the loader is found first: JOCL, left to fail on its own, prints to stdout.
        OpenClLoader.prepare().ifPresent(why -> {
            throw new OpenClUnavailableException(why);
        });
        try {
            quietNativeLog();
            CL.setExceptionsEnabled(true);
            int[] n = new int[1];
            try {
                clGetPlatformIDs(0, null, n);
            } catch (CLException e) {
                throw new OpenClUnavailableException("no OpenCL platform (clGetPlatformIDs: " + e.getMessage()
                        + "); install an ICD such as pocl-opencl-icd or the GPU vendor's driver", e);
            }
            if (n[0] == 0) {
                throw new OpenClUnavailableException("no OpenCL platform (0 platforms); install an ICD such as pocl-opencl-icd");
            }
            cl_platform_id[] platforms = new cl_platform_id[n[0]];
            clGetPlatformIDs(platforms.length, platforms, null);
            List<OpenClDevice> out = new ArrayList<>();
            for (cl_platform_id p : platforms) {
                String pname = platformString(p, CL_PLATFORM_NAME);
                String pver = platformString(p, CL_PLATFORM_VERSION);
                int[] nd = new int[1];
                try {
                    clGetDeviceIDs(p, CL_DEVICE_TYPE_ALL, 0, null, nd);
                } catch (CLException e) {
                    continue; // CL_DEVICE_NOT_FOUND: a platform without devices
                }
                cl_device_id[] devs = new cl_device_id[nd[0]];
                clGetDeviceIDs(p, CL_DEVICE_TYPE_ALL, devs.length, devs, null);
                for (cl_device_id d : devs) {
                    out.add(new OpenClDevice(out.size(), p, d, pname, pver, deviceString(d, CL_DEVICE_NAME),
                            deviceLong(d, CL_DEVICE_TYPE), deviceLong(d, CL_DEVICE_GLOBAL_MEM_SIZE),
                            deviceLong(d, CL_DEVICE_MAX_MEM_ALLOC_SIZE), deviceSizeT(d, CL_DEVICE_MAX_WORK_GROUP_SIZE),
                            deviceInt(d, CL_DEVICE_MAX_COMPUTE_UNITS), deviceString(d, CL_DEVICE_OPENCL_C_VERSION),
                            deviceString(d, CL_DEVICE_EXTENSIONS), deviceLong(d, CL.CL_DEVICE_SINGLE_FP_CONFIG)));
                }
            }
            if (out.isEmpty()) {
                throw new OpenClUnavailableException("OpenCL platforms found but no device");
            }
            return out;
        } catch (CLException e) {
            throw new OpenClUnavailableException("OpenCL device discovery failed: " + e.getMessage(), e);
        } catch (LinkageError e) {
            throw new OpenClUnavailableException("OpenCL runtime could not be loaded (" + e.getMessage()
                    + "); install the GPU driver or ocl-icd-libopencl1 with an ICD (e.g. pocl-opencl-icd)", e);
        }
    }

    private static boolean quiet;

    /** JOCL's native log (which writes to stdout) set to quiet, once, after the library has loaded. */
    private static synchronized void quietNativeLog() {
        if (!quiet) {
            quiet = true;
            CL.setLogLevel(CL.LogLevel.LOG_QUIET);
        }
    }

    /**
     * The device to use: {@code spec} (or, when null/blank, the system property
     * {@value #DEVICE_PROPERTY}) as an index or a name substring; otherwise the preferred device.
     *
     * @throws OpenClUnavailableException when there is no device or none matches the spec
     */
    public static OpenClDevice select(String spec) {
        List<OpenClDevice> all = devices();
        String want = spec == null || spec.isBlank() ? System.getProperty(DEVICE_PROPERTY, "") : spec;
        want = want.trim();
        if (!want.isEmpty()) {
            if (want.chars().allMatch(Character::isDigit)) {
                int idx = Integer.parseInt(want);
                if (idx >= all.size()) {
                    throw new OpenClUnavailableException("OpenCL device index " + idx + " out of range (" + all.size()
                            + " devices: " + all + ")");
                }
                return all.get(idx);
            }
            String lower = want.toLowerCase(Locale.ROOT);
            for (OpenClDevice d : all) {
                if (d.toString().toLowerCase(Locale.ROOT).contains(lower)) {
                    return d;
                }
            }
            throw new OpenClUnavailableException("no OpenCL device matches '" + want + "' (devices: " + all + ")");
        }
        return all.stream().min(Comparator.comparingInt(OpenClPlatforms::rank)
                .thenComparing(Comparator.comparingLong(OpenClDevice::globalMemory).reversed())).orElseThrow();
    }

    private static int rank(OpenClDevice d) {
        if ((d.type() & CL_DEVICE_TYPE_GPU) != 0) {
            return 0;
        }
        return (d.type() & CL_DEVICE_TYPE_ACCELERATOR) != 0 ? 1 : 2;
    }

    private static String platformString(cl_platform_id p, int param) {
        long[] size = new long[1];
        clGetPlatformInfo(p, param, 0, null, size);
        byte[] buf = new byte[(int) size[0]];
        clGetPlatformInfo(p, param, buf.length, Pointer.to(buf), null);
        return cString(buf);
    }

    private static String deviceString(cl_device_id d, int param) {
        long[] size = new long[1];
        clGetDeviceInfo(d, param, 0, null, size);
        byte[] buf = new byte[(int) size[0]];
        clGetDeviceInfo(d, param, buf.length, Pointer.to(buf), null);
        return cString(buf);
    }

    private static long deviceLong(cl_device_id d, int param) {
        long[] v = new long[1];
        clGetDeviceInfo(d, param, Sizeof.cl_ulong, Pointer.to(v), null);
        return v[0];
    }

    private static long deviceSizeT(cl_device_id d, int param) {
        long[] v = new long[1];
        clGetDeviceInfo(d, param, Sizeof.size_t, Pointer.to(v), null);
        return v[0];
    }

    private static int deviceInt(cl_device_id d, int param) {
        int[] v = new int[1];
        clGetDeviceInfo(d, param, Sizeof.cl_uint, Pointer.to(v), null);
        return v[0];
    }

    private static String cString(byte[] b) {
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, StandardCharsets.UTF_8).trim();
    }
}
