package org.organ3d.opencl;

import static org.jocl.CL.CL_DEVICE_TYPE_CPU;
import static org.jocl.CL.CL_DEVICE_TYPE_GPU;

import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * One OpenCL device as discovered by {@link OpenClPlatforms#devices()}: its handles and the
 * properties that size the backend's work (memory in bytes).
 *
 * @param index           position in {@link OpenClPlatforms#devices()} (what {@code organ3d.opencl.device} takes)
 * @param maxAlloc        {@code CL_DEVICE_MAX_MEM_ALLOC_SIZE}: the largest single buffer, bytes
 * @param globalMemory    {@code CL_DEVICE_GLOBAL_MEM_SIZE}, bytes
 * @param maxWorkGroup    {@code CL_DEVICE_MAX_WORK_GROUP_SIZE}
 * @param openClCVersion  {@code CL_DEVICE_OPENCL_C_VERSION}
 * @param extensions      {@code CL_DEVICE_EXTENSIONS} (space separated)
 * @param singleFpConfig  {@code CL_DEVICE_SINGLE_FP_CONFIG} bits
 */
public record OpenClDevice(int index, cl_platform_id platform, cl_device_id id, String platformName,
                           String platformVersion, String name, long type, long globalMemory, long maxAlloc,
                           long maxWorkGroup, int computeUnits, String openClCVersion, String extensions,
                           long singleFpConfig) {

    public boolean isGpu() {
        return (type & CL_DEVICE_TYPE_GPU) != 0;
    }

    public boolean isCpu() {
        return (type & CL_DEVICE_TYPE_CPU) != 0;
    }

    /** Test hook: treat every device as lacking {@code cl_khr_fp64} (the float fallback). */
    public static final String NO_FP64_PROPERTY = "organ3d.opencl.noFp64";

    /**
     * True when the device does double precision ({@code cl_khr_fp64}) and the test hook
     * {@value #NO_FP64_PROPERTY} is not set.
     */
    public boolean hasFp64() {
        return !Boolean.getBoolean(NO_FP64_PROPERTY) && (" " + extensions + " ").contains(" cl_khr_fp64 ");
    }

    /** True when the device can round float division and sqrt correctly (the build option exists). */
    public boolean hasCorrectlyRoundedDivide() {
        return (singleFpConfig & org.jocl.CL.CL_FP_CORRECTLY_ROUNDED_DIVIDE_SQRT) != 0;
    }

    /** "GPU", "CPU", "accelerator" or "other". */
    public String typeName() {
        return isGpu() ? "GPU" : isCpu() ? "CPU" : (type & org.jocl.CL.CL_DEVICE_TYPE_ACCELERATOR) != 0 ? "accelerator" : "other";
    }

    @Override
    public String toString() {
        return "#" + index + " " + platformName + ": " + name + " [" + typeName() + ", "
                + (globalMemory >> 20) + " MiB, max alloc " + (maxAlloc >> 20) + " MiB]";
    }
}
