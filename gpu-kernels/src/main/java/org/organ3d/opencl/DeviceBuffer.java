package org.organ3d.opencl;

import static org.jocl.CL.clReleaseMemObject;

import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.cl_mem;

/** One device buffer of a known size, released by {@link #close()}. Not thread-safe. */
public final class DeviceBuffer implements AutoCloseable {

    private final OpenClContext owner;
    private final cl_mem mem;
    private final long bytes;
    private boolean released;

    DeviceBuffer(OpenClContext owner, cl_mem mem, long bytes) {
        this.owner = owner;
        this.mem = mem;
        this.bytes = bytes;
    }

    public cl_mem mem() {
        return mem;
    }

    /** Size in bytes. */
    public long bytes() {
        return bytes;
    }

    /** Pointer to the handle, as kernel arguments take it. */
    public Pointer pointer() {
        return Pointer.to(mem);
    }

    @Override
    public void close() {
        if (!released) {
            released = true;
            owner.released(bytes);
            try {
                clReleaseMemObject(mem);
            } catch (CLException e) {
                // NB: a lost device may refuse the release; the context release frees it anyway.
            }
        }
    }
}
