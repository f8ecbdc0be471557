package org.organ3d.opencl;

import static org.jocl.CL.CL_MAP_READ;
import static org.jocl.CL.CL_MAP_WRITE;
import static org.jocl.CL.CL_MEM_ALLOC_HOST_PTR;
import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.clCreateBuffer;
import static org.jocl.CL.clEnqueueMapBuffer;
import static org.jocl.CL.clEnqueueUnmapMemObject;
import static org.jocl.CL.clFinish;
import static org.jocl.CL.clReleaseMemObject;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.stream.IntStream;
import org.jocl.CLException;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_mem;

/**
 * Two pinned, persistently mapped host buffers ({@code CL_MEM_ALLOC_HOST_PTR}) through which the
 * large transfers of a context go: the host fills (or drains) one half on all cores while the device
 * copies the other one, and the driver moves pinned memory by DMA at full bus speed instead of first
 * copying pageable Java memory into its own staging area on one thread.
 *
 * <p>Each transfer is cut into chunks of whole "units" (slices, usually) of at most
 * {@link #capacity()} bytes; the caller's {@link Filler} or {@link Drainer} gets the mapped chunk
 * (native byte order, position 0) and the unit range, and may use any number of threads on it.
 * The buffers grow to the largest unit asked for and are kept until the context closes.
 *
 * <p>Not thread-safe: owned by one {@link OpenClContext}, which serialises its passes.
 */
final class HostStaging implements AutoCloseable {

    /** Default size of each half, bytes. */
    static final long DEFAULT_CHUNK = 64L << 20;

    /** Fills a chunk with units [first, first + count) ({@code unitBytes} each, from byte 0). */
    interface Filler {
        void fill(ByteBuffer chunk, long first, int count);
    }

    /** Copies units [first, first + count) out of a chunk that holds them from byte 0. */
    interface Drainer {
        void drain(ByteBuffer chunk, long first, int count);
    }

    private final OpenClContext ctx;
    private final cl_context context;
    private final cl_command_queue queue;
    private final cl_mem[] mem = new cl_mem[2];
    private final ByteBuffer[] mapped = new ByteBuffer[2];
    private long capacity;

    HostStaging(OpenClContext ctx, cl_context context, cl_command_queue queue) {
        this.ctx = ctx;
        this.context = context;
        this.queue = queue;
    }

    /** Bytes of each half (0 before the first transfer). */
    long capacity() {
        return capacity;
    }

    /**
     * Writes {@code units} units of {@code unitBytes} into {@code dst} from byte {@code dstOffset}, the
     * host filling one chunk while the previous one is copied. Returns when the data is on the device.
     */
    void upload(DeviceBuffer dst, long dstOffset, long units, long unitBytes, Filler filler) {
        if (units <= 0) {
            return;
        }
        int per = ensure(unitBytes, units * unitBytes);
        PendingCopy[] inFlight = new PendingCopy[2];
        int half = 0;
        for (long u = 0; u < units; u += per) {
            int n = (int) Math.min(per, units - u);
            if (inFlight[half] != null) {
                inFlight[half].await();
            }
            ByteBuffer chunk = view(half);
            filler.fill(chunk, u, n);
            inFlight[half] = ctx.writeAsync(dst, dstOffset + u * unitBytes, n * unitBytes, mapped[half]);
            half ^= 1;
        }
        for (PendingCopy p : inFlight) {
            if (p != null) {
                p.await();
            }
        }
    }

    /**
     * Reads {@code units} units of {@code unitBytes} from {@code src} at byte {@code srcOffset}, handing
     * each chunk to {@code drainer} while the next one is copied.
     */
    void download(DeviceBuffer src, long srcOffset, long units, long unitBytes, Drainer drainer) {
        if (units <= 0) {
            return;
        }
        int per = ensure(unitBytes, units * unitBytes);
        PendingCopy[] inFlight = new PendingCopy[2];
        long[] firstOf = new long[2];
        int[] countOf = new int[2];
        int half = 0;
        long next = 0;
        // Prime both halves, then drain one and refill it while the other is copied.
        for (int h = 0; h < 2 && next < units; h++) {
            int n = (int) Math.min(per, units - next);
            inFlight[h] = ctx.readAsync(src, srcOffset + next * unitBytes, n * unitBytes, mapped[h]);
            firstOf[h] = next;
            countOf[h] = n;
            next += n;
        }
        while (inFlight[half] != null) {
            inFlight[half].await();
            inFlight[half] = null;
            drainer.drain(view(half), firstOf[half], countOf[half]);
            if (next < units) {
                int n = (int) Math.min(per, units - next);
                inFlight[half] = ctx.readAsync(src, srcOffset + next * unitBytes, n * unitBytes, mapped[half]);
                firstOf[half] = next;
                countOf[half] = n;
                next += n;
            }
            half ^= 1;
        }
    }

    /** Reads {@code dst.length} floats from the start of {@code src} into {@code dst}, copied out on all cores. */
    void download(DeviceBuffer src, float[] dst) {
        download(src, 0, dst.length, 4, (chunk, first, count) -> pieces(count).forEach(p -> {
            int a = p * PIECE;
            int n = Math.min(PIECE, count - a);
            chunk.duplicate().order(ByteOrder.nativeOrder()).position(4 * a).asFloatBuffer().get(dst, (int) first + a, n);
        }));
    }

    /** Reads {@code dst.length} ints from the start of {@code src} into {@code dst}, copied out on all cores. */
    void download(DeviceBuffer src, int[] dst) {
        download(src, 0, dst.length, 4, (chunk, first, count) -> pieces(count).forEach(p -> {
            int a = p * PIECE;
            int n = Math.min(PIECE, count - a);
            chunk.duplicate().order(ByteOrder.nativeOrder()).position(4 * a).asIntBuffer().get(dst, (int) first + a, n);
        }));
    }

    /** Elements per parallel copy task (1 MiB of 4-byte elements). */
    private static final int PIECE = 1 << 18;

    private static IntStream pieces(int count) {
        return IntStream.range(0, (count + PIECE - 1) / PIECE).parallel();
    }

    /** A copy in flight; {@link #await()} waits for it and books its time. */
    interface PendingCopy {
        void await();
    }

    private ByteBuffer view(int half) {
        return mapped[half].duplicate().clear().order(ByteOrder.nativeOrder());
    }

    /**
     * Grows the halves to hold at least one unit and, up to {@link #DEFAULT_CHUNK}, the whole transfer
     * (small studies pin little memory); returns the units per chunk.
     */
    private int ensure(long unitBytes, long totalBytes) {
        long want = Math.max(unitBytes, Math.min(DEFAULT_CHUNK, totalBytes));
        if (capacity < want) {
            release();
            long size = want;
            try {
                for (int h = 0; h < 2; h++) {
                    mem[h] = clCreateBuffer(context, CL_MEM_READ_WRITE | CL_MEM_ALLOC_HOST_PTR, size, null, null);
                    // NB: mapped once and kept mapped: the mapped pointer is pinned host memory that
                    // clEnqueueRead/WriteBuffer use directly (the pattern NVIDIA's guide recommends).
                    mapped[h] = clEnqueueMapBuffer(queue, mem[h], true, CL_MAP_READ | CL_MAP_WRITE, 0, size, 0, null, null,
                            null);
                }
            } catch (CLException e) {
                release();
                throw OpenClContext.failure("allocating " + size + " bytes of pinned host staging", e);
            }
            capacity = size;
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, capacity / unitBytes));
    }

    private void release() {
        boolean any = false;
        for (int h = 0; h < 2; h++) {
            if (mem[h] != null) {
                try {
                    if (mapped[h] != null) {
                        clEnqueueUnmapMemObject(queue, mem[h], mapped[h], 0, null, null);
                        any = true;
                    }
                } catch (CLException e) {
                    // NB: a lost device may refuse; the release below (or the context's) frees it anyway.
                }
            }
        }
        if (any) {
            try {
                clFinish(queue);
            } catch (CLException e) {
                // NB: as above.
            }
        }
        for (int h = 0; h < 2; h++) {
            if (mem[h] != null) {
                try {
                    clReleaseMemObject(mem[h]);
                } catch (CLException e) {
                    // NB: as above.
                }
            }
            mem[h] = null;
            mapped[h] = null;
        }
        capacity = 0;
    }

    @Override
    public void close() {
        release();
    }
}
