package org.organ3d.io.raw;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.organ3d.parallel.Parallelism;

/**
 * A gzip stream (RFC 1952, one member) compressed on all cores, the way pigz does it: the input is
 * cut into blocks of {@link #BLOCK} bytes, each block is deflated independently (raw deflate, no
 * shared dictionary) and ended with a sync flush so that the concatenation of the blocks is one
 * valid deflate stream; the last block finishes it. The CRC-32 of the whole input is computed in
 * order on the caller's thread. Output is byte-for-byte a standard gzip file (any gunzip reads it);
 * it is slightly larger than a single-threaded stream at the same level because blocks do not share
 * their 32 KiB history.
 *
 * <p>Not thread-safe (one writer). Blocks are compressed in the fork-join pool of the thread that made
 * the stream ({@link Parallelism#currentPool()}: the common pool unless inside {@link Parallelism#call}), at
 * most 2 × parallelism in flight, so memory stays bounded (≈ 4 × BLOCK × parallelism).
 * {@link #close()} finishes the member and closes the underlying stream.
 */
public final class ParallelGzipOutputStream extends OutputStream {

    /** Uncompressed bytes per independently compressed block. */
    public static final int BLOCK = 1 << 20;

    private final OutputStream out;
    private final int level;
    private final CRC32 crc = new CRC32();
    private final ArrayDeque<CompletableFuture<byte[]>> inFlight = new ArrayDeque<>();
    private final ForkJoinPool pool = Parallelism.currentPool();
    private final int maxInFlight = 2 * Math.max(1, pool.getParallelism()) + 1;
    private byte[] buf = new byte[BLOCK];
    private int fill;
    private long total;
    private boolean closed;

    /**
     * @param out   receives the gzip member; closed by {@link #close()}
     * @param level deflate level 0..9
     */
    public ParallelGzipOutputStream(OutputStream out, int level) throws IOException {
        this.out = out;
        this.level = level;
        out.write(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 255});
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = Math.min(len, BLOCK - fill);
            System.arraycopy(b, off, buf, fill, n);
            fill += n;
            off += n;
            len -= n;
            if (fill == BLOCK) {
                submit(false);
            }
        }
    }

    private void submit(boolean last) throws IOException {
        byte[] block = buf;
        int n = fill;
        crc.update(block, 0, n);
        total += n;
        inFlight.add(CompletableFuture.supplyAsync(() -> deflate(block, n, last), pool));
        buf = new byte[BLOCK];
        fill = 0;
        while (inFlight.size() >= maxInFlight || (last && !inFlight.isEmpty())) {
            drainOne();
        }
    }

    private void drainOne() throws IOException {
        try {
            out.write(inFlight.poll().get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while compressing", e);
        } catch (ExecutionException e) {
            throw new IOException("compression failed: " + e.getCause(), e.getCause());
        }
    }

    private byte[] deflate(byte[] block, int n, boolean last) {
        Deflater d = new Deflater(level, true);
        try {
            d.setInput(block, 0, n);
            if (last) {
                d.finish();
            }
            byte[] o = new byte[n + n / 1000 + 64];
            int len = 0;
            while (true) {
                if (len == o.length) {
                    o = Arrays.copyOf(o, o.length * 2);
                }
                len += last ? d.deflate(o, len, o.length - len) : d.deflate(o, len, o.length - len, Deflater.SYNC_FLUSH);
                if (last ? d.finished() : len < o.length) {
                    break;
                }
            }
            return Arrays.copyOf(o, len);
        } finally {
            d.end();
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            submit(true);
            byte[] t = new byte[8];
            long c = crc.getValue();
            for (int i = 0; i < 4; i++) {
                t[i] = (byte) (c >>> (8 * i));
                t[4 + i] = (byte) (total >>> (8 * i));
            }
            out.write(t);
        } finally {
            out.close();
        }
    }
}
