package org.organ3d.opencl;

import static org.jocl.CL.clSetKernelArg;

import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;

/** Sets a kernel's arguments in order (positional), as the typed wrappers do. Not thread-safe. */
final class KernelArgs {

    private final cl_kernel kernel;
    private int index;

    private KernelArgs(cl_kernel kernel) {
        this.kernel = kernel;
    }

    static KernelArgs of(cl_kernel k) {
        return new KernelArgs(k);
    }

    KernelArgs mem(DeviceBuffer b) {
        clSetKernelArg(kernel, index++, Sizeof.cl_mem, b.pointer());
        return this;
    }

    KernelArgs i(int v) {
        clSetKernelArg(kernel, index++, Sizeof.cl_int, Pointer.to(new int[] {v}));
        return this;
    }

    KernelArgs l(long v) {
        clSetKernelArg(kernel, index++, Sizeof.cl_long, Pointer.to(new long[] {v}));
        return this;
    }

    KernelArgs f(float v) {
        clSetKernelArg(kernel, index++, Sizeof.cl_float, Pointer.to(new float[] {v}));
        return this;
    }

    /** A double argument declared as {@code real} in the kernel: double with fp64, float without. */
    KernelArgs real(double v, boolean fp64) {
        return fp64 ? d(v) : f((float) v);
    }

    KernelArgs d(double v) {
        clSetKernelArg(kernel, index++, Sizeof.cl_double, Pointer.to(new double[] {v}));
        return this;
    }

    /** Local (work-group) memory of {@code bytes}. */
    KernelArgs local(long bytes) {
        clSetKernelArg(kernel, index++, bytes, null);
        return this;
    }

    cl_kernel kernel() {
        return kernel;
    }
}
