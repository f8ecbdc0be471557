package org.organ3d.opencl;

import static org.jocl.CL.CL_CONTEXT_PLATFORM;
import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.CL_PROFILING_COMMAND_END;
import static org.jocl.CL.CL_PROFILING_COMMAND_START;
import static org.jocl.CL.CL_QUEUE_PROFILING_ENABLE;
import static org.jocl.CL.clCreateBuffer;
import static org.jocl.CL.clCreateCommandQueue;
import static org.jocl.CL.clCreateContext;
import static org.jocl.CL.clEnqueueFillBuffer;
import static org.jocl.CL.clEnqueueNDRangeKernel;
import static org.jocl.CL.clEnqueueReadBuffer;
import static org.jocl.CL.clEnqueueWriteBuffer;
import static org.jocl.CL.clFinish;
import static org.jocl.CL.clFlush;
import static org.jocl.CL.clGetEventProfilingInfo;
import static org.jocl.CL.clReleaseCommandQueue;
import static org.jocl.CL.clReleaseContext;
import static org.jocl.CL.clReleaseEvent;
import static org.jocl.CL.clWaitForEvents;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_event;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;

/**
 * One OpenCL context and in-order command queue on one device, with its program cache
 * ({@link ProgramCache}) and the accounting of upload, kernel and download time (profiling events).
 *
 * <p>Host path: large transfers go through {@link HostStaging} (two pinned, mapped host buffers,
 * filled or drained on all cores while the other one is copied); large work buffers are kept per role
 * between calls ({@link #reusable}); {@link #lap} books host wall time per phase next to the
 * profiled device times, so that host overhead can be found.
 *
 * <p>Not thread-safe: the {@link OpenClBackend} serialises its passes on one context. JOCL
 * exceptions are enabled; callers above the backend boundary never see a {@link CLException}
 * because the backend converts them with {@link #failure}.
 *
 * <p>The system property {@value #MAX_ALLOC_PROPERTY} (read at construction) caps the largest
 * buffer the planners may ask for (bytes; forces bricking). This package's tests make allocations
 * fail through {@link Faults#failAllocAbove}.
 */
public final class OpenClContext implements AutoCloseable {

    /** Caps the planned size of a single device buffer, in bytes (tests force bricking with it). */
    public static final String MAX_ALLOC_PROPERTY = "organ3d.opencl.maxAlloc";

    private final OpenClDevice device;
    private final cl_context context;
    private final cl_command_queue queue;
    private final ProgramCache programs;
    private final long maxAlloc;
    private final long failAllocAbove;
    private final HostStaging staging;
    private final Map<String, DeviceBuffer> pool = new HashMap<>();
    private final List<cl_event[]> pending = new ArrayList<>();
    private final List<Integer> pendingKind = new ArrayList<>();
    private final long[] nanos = new long[3];
    private final Map<String, Long> phases = new java.util.LinkedHashMap<>();
    private long lapStart;
    private long allocated;

    /** A context and profiling queue on {@code device}. */
    public OpenClContext(OpenClDevice device) {
        this.device = device;
        try {
            CL.setExceptionsEnabled(true);
            cl_context_properties props = new cl_context_properties();
            props.addProperty(CL_CONTEXT_PLATFORM, device.platform());
            this.context = clCreateContext(props, 1, new cl_device_id[] {device.id()}, null, null, null);
            @SuppressWarnings("deprecation")
            cl_command_queue q = clCreateCommandQueue(context, device.id(), CL_QUEUE_PROFILING_ENABLE, null);
            this.queue = q;
        } catch (CLException e) {
            throw failure("creating a context on " + device, e);
        }
        this.programs = new ProgramCache(context, device);
        this.staging = new HostStaging(this, context, queue);
        long cap = Long.getLong(MAX_ALLOC_PROPERTY, Long.MAX_VALUE);
        this.maxAlloc = Math.max(1 << 16, Math.min(device.maxAlloc(), cap));
        this.failAllocAbove = Faults.failAllocAbove;
    }

    public OpenClDevice device() {
        return device;
    }

    /** Largest single buffer the planners may use, bytes (device limit, or the test cap). */
    public long maxAlloc() {
        return maxAlloc;
    }

    /** Global memory the planners may fill in total, bytes (half the device's, leaving room for others). */
    public long memoryBudget() {
        return Math.max(maxAlloc, device.globalMemory() / 2);
    }

    /** The program cache of this context. */
    public ProgramCache programs() {
        return programs;
    }

    /** A kernel of a cached program; see {@link ProgramCache#kernel}. */
    public cl_kernel kernel(String source, String kernelName) {
        return programs.kernel(source, kernelName);
    }

    /** A kernel of a cached program built with extra options; see {@link ProgramCache#kernel(String, String, String)}. */
    public cl_kernel kernel(String source, String extraOptions, String kernelName) {
        return programs.kernel(source, extraOptions, kernelName);
    }

    /** The pinned host staging of this context (large transfers). */
    HostStaging staging() {
        return staging;
    }

    /**
     * A device buffer of at least {@code bytes} for {@code role}, kept between calls so that repeated
     * passes on studies of the same size do not allocate again. The caller must not close it; it stays
     * valid until the next {@code reusable} call for the same role, {@link #keepReusable} without its
     * prefix, or the context's end.
     * NB: idle reusable buffers count in {@link #allocatedBytes()}, so each pass keeps only its own
     * ({@link #keepReusable}); any allocation failure drops the context (and with it these buffers).
     */
    DeviceBuffer reusable(String role, long bytes) {
        long n = Math.max(4, bytes);
        DeviceBuffer b = pool.get(role);
        if (b != null && b.bytes() >= n && b.bytes() <= 2 * n + (1 << 20)) {
            return b;
        }
        if (b != null) {
            pool.remove(role);
            b.close();
        }
        b = allocate(n);
        pool.put(role, b);
        return b;
    }

    /** A device buffer holding a copy of {@code data}. */
    public DeviceBuffer upload(int[] data) {
        DeviceBuffer b = allocate((long) data.length * 4);
        write(b, 0, (long) data.length * 4, Pointer.to(data));
        return b;
    }

    /** A device buffer holding a copy of {@code data}. */
    public DeviceBuffer upload(long[] data) {
        DeviceBuffer b = allocate((long) data.length * 8);
        write(b, 0, (long) data.length * 8, Pointer.to(data));
        return b;
    }

    /** A device buffer holding a copy of {@code data}. */
    public DeviceBuffer upload(float[] data) {
        DeviceBuffer b = allocate((long) data.length * 4);
        write(b, 0, (long) data.length * 4, Pointer.to(data));
        return b;
    }

    /** A device buffer holding {@code data} as {@code real}s: doubles with fp64, floats without. */
    public DeviceBuffer uploadReals(double[] data) {
        if (device.hasFp64()) {
            DeviceBuffer b = allocate((long) data.length * 8);
            write(b, 0, (long) data.length * 8, Pointer.to(data));
            return b;
        }
        float[] f = new float[data.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) data[i];
        }
        return upload(f);
    }

    /**
     * A device buffer of {@code bytes} (at least 4), read-write, uninitialised.
     *
     * @throws OpenClException for an allocation failure (typed, with the status)
     */
    public DeviceBuffer allocate(long bytes) {
        long n = Math.max(4, bytes);
        if (n > maxAlloc || n > failAllocAbove) {
            throw new OpenClException("cannot allocate a device buffer of " + n + " bytes on " + device.name()
                    + (n > failAllocAbove ? " (injected fault)" : " (max allocation " + maxAlloc + ")"),
                    CL.CL_MEM_OBJECT_ALLOCATION_FAILURE);
        }
        try {
            cl_mem m = clCreateBuffer(context, CL_MEM_READ_WRITE, n, null, null);
            allocated += n;
            return new DeviceBuffer(this, m, n);
        } catch (CLException e) {
            throw failure("allocating " + n + " bytes", e);
        }
    }

    void released(long bytes) {
        allocated -= bytes;
    }

    /** Bytes currently allocated through this context. */
    public long allocatedBytes() {
        return allocated;
    }

    /**
     * Blocking write of {@code bytes} from host memory {@code src} at {@code offset}.
     * NB: blocking because JOCL pointers to Java arrays must not outlive the call.
     */
    public void write(DeviceBuffer dst, long offset, long bytes, Pointer src) {
        cl_event e = new cl_event();
        clEnqueueWriteBuffer(queue, dst.mem(), true, offset, bytes, src, 0, null, e);
        track(e, 0);
    }

    /** Blocking read of {@code bytes} at {@code offset} into host memory {@code dst}. */
    public void read(DeviceBuffer src, long offset, long bytes, Pointer dst) {
        cl_event e = new cl_event();
        clEnqueueReadBuffer(queue, src.mem(), true, offset, bytes, dst, 0, null, e);
        track(e, 2);
    }

    /**
     * Releases the reusable buffers whose role starts with none of {@code prefixes}: a pass calls it
     * first, so that only its own kind of buffers stays on the device between calls (repeated calls of
     * one pass reuse them; switching passes frees the others for the planners' memory budget).
     */
    void keepReusable(String... prefixes) {
        pool.entrySet().removeIf(e -> {
            for (String p : prefixes) {
                if (e.getKey().startsWith(p)) {
                    return false;
                }
            }
            e.getValue().close();
            return true;
        });
    }

    /** Bytes held by the reusable buffers of {@code roles}. */
    long reusableBytes(String... roles) {
        long n = 0;
        for (String r : roles) {
            DeviceBuffer b = pool.get(r);
            n += b == null ? 0 : b.bytes();
        }
        return n;
    }

    /** Non-blocking write from a pinned mapped staging buffer; the returned copy books itself when awaited. */
    HostStaging.PendingCopy writeAsync(DeviceBuffer dst, long offset, long bytes, ByteBuffer mapped) {
        cl_event e = new cl_event();
        clEnqueueWriteBuffer(queue, dst.mem(), false, offset, bytes, Pointer.toBuffer(mapped), 0, null, e);
        // NB: flushed now, so that the copy runs while the host fills the other half.
        clFlush(queue);
        return () -> {
            clWaitForEvents(1, new cl_event[] {e});
            track(e, 0);
        };
    }

    /** Non-blocking read into a pinned mapped staging buffer; the returned copy books itself when awaited. */
    HostStaging.PendingCopy readAsync(DeviceBuffer src, long offset, long bytes, ByteBuffer mapped) {
        cl_event e = new cl_event();
        clEnqueueReadBuffer(queue, src.mem(), false, offset, bytes, Pointer.toBuffer(mapped), 0, null, e);
        clFlush(queue);
        return () -> {
            clWaitForEvents(1, new cl_event[] {e});
            track(e, 2);
        };
    }

    /** Fills a buffer with a 4-byte pattern (an int). */
    public void fill(DeviceBuffer b, int value) {
        cl_event e = new cl_event();
        clEnqueueFillBuffer(queue, b.mem(), Pointer.to(new int[] {value}), Sizeof.cl_int, 0, b.bytes(), 0, null, e);
        track(e, 1);
    }

    /**
     * Runs a kernel over a 1-D range of {@code global} work items (rounded up to a multiple of
     * {@code local}, which may be 0 for "let the runtime choose"); kernels guard their own range.
     */
    public void run(cl_kernel k, long global, long local) {
        if (global <= 0) {
            return;
        }
        long g = local > 0 ? (global + local - 1) / local * local : global;
        cl_event e = new cl_event();
        clEnqueueNDRangeKernel(queue, k, 1, null, new long[] {g}, local > 0 ? new long[] {local} : null, 0, null, e);
        track(e, 1);
    }

    /** Waits for the queue and books the profiled times. */
    public void finish() {
        clFinish(queue);
        long[] t0 = new long[1];
        long[] t1 = new long[1];
        for (int i = 0; i < pending.size(); i++) {
            cl_event e = pending.get(i)[0];
            try {
                clGetEventProfilingInfo(e, CL_PROFILING_COMMAND_START, Sizeof.cl_ulong, Pointer.to(t0), null);
                clGetEventProfilingInfo(e, CL_PROFILING_COMMAND_END, Sizeof.cl_ulong, Pointer.to(t1), null);
                nanos[pendingKind.get(i)] += Math.max(0, t1[0] - t0[0]);
            } catch (CLException ex) {
                // NB: profiling is informative only; a device that cannot report it still computes.
            }
            clReleaseEvent(e);
        }
        pending.clear();
        pendingKind.clear();
    }

    private void track(cl_event e, int kind) {
        pending.add(new cl_event[] {e});
        pendingKind.add(kind);
        if (pending.size() > 4096) {
            finish();
        }
    }

    /** Upload, kernel and download device time booked since the last {@link #resetTimings()}. */
    public DeviceTimings timings() {
        return new DeviceTimings(nanos[0], nanos[1], nanos[2]);
    }

    /** Starts host phase timing of a pass (see {@link #lap}). */
    void startLaps() {
        lapStart = System.nanoTime();
    }

    /** Books the host wall time since the last lap (or {@link #startLaps()}) to {@code phase}. */
    void lap(String phase) {
        long now = System.nanoTime();
        phases.merge(phase, now - lapStart, Long::sum);
        lapStart = now;
    }

    /** Host wall time per phase since the last {@link #resetTimings()}, nanoseconds, in first-booked order. */
    public Map<String, Long> phases() {
        return new java.util.LinkedHashMap<>(phases);
    }

    /** Clears the booked times. */
    public void resetTimings() {
        phases.clear();
        nanos[0] = 0;
        nanos[1] = 0;
        nanos[2] = 0;
    }

    /** Turns a JOCL exception into a typed {@link OpenClException} saying what was being done. */
    public static OpenClException failure(String doing, CLException e) {
        return new OpenClException("OpenCL failed while " + doing + ": " + e.getMessage(), e.getStatus(), e);
    }

    @Override
    public void close() {
        try {
            try {
                finish();
            } catch (CLException e) {
                // NB: the device may be lost; release what can be released.
            }
            for (DeviceBuffer b : pool.values()) {
                b.close();
            }
            pool.clear();
            staging.close();
            programs.close();
            clReleaseCommandQueue(queue);
            clReleaseContext(context);
        } catch (CLException e) {
            // NB: releasing on a lost device can fail; nothing more can be done.
        }
    }
}
