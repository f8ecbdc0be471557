package org.organ3d.io.dicom.codec;

import java.io.IOException;
import java.io.InterruptedIOException;
import javax.imageio.stream.ImageInputStreamImpl;

/**
 * A compressed frame held in memory, as the input of a third-party ImageIO reader whose loops are
 * not bounded by the data (jai-imageio's JPEG 2000 reader): reads past the end return −1 as
 * {@link javax.imageio.stream.ImageInputStream} says, but only {@value #MAX_READS_PAST_END} times
 * per frame, and every {@value #CHECK_EVERY} reads the stream checks its deadline and the reading
 * thread's interrupt flag. Either ends the decode with an {@link IOException} thrown into the reader.
 *
 * <p>Why: JJ2000's packet-header bit reader treats the −1 of a read past the end as a byte of ones
 * ({@code PktHeaderBitReader.readBit}), so a packet header that claims more than the tile holds makes
 * {@code PktDecoder.readPktHead} count code-block length bits forever. Every loop of the reader that
 * depends on the data consumes bytes, so bounding reads past the end bounds those loops; the
 * deadline bounds the others as long as they read.
 *
 * <p>Cost: one counter and one comparison per byte read (a {@code System.nanoTime()} every
 * {@value #CHECK_EVERY} reads); no copy of the frame. Single use, one thread.
 */
final class BoundedCodestream extends ImageInputStreamImpl {

    /** Reads past the end tolerated per frame (a reader probing for a marker reads a few). */
    static final int MAX_READS_PAST_END = 64;
    /** Reads between two checks of the deadline and the interrupt flag. */
    static final int CHECK_EVERY = 4096;

    private final byte[] data;
    private final long deadlineNanos;
    private int pastEnd;
    private int untilCheck = CHECK_EVERY;

    /**
     * @param data          the frame (not copied; not modified)
     * @param deadlineNanos {@link System#nanoTime()} after which reads fail
     */
    BoundedCodestream(byte[] data, long deadlineNanos) {
        this.data = data;
        this.deadlineNanos = deadlineNanos;
    }

    @Override
    public int read() throws IOException {
        checkBudget(1);
        bitOffset = 0;
        if (streamPos >= data.length) {
            pastEnd();
            return -1;
        }
        return data[(int) streamPos++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        checkBudget(len);
        bitOffset = 0;
        if (len == 0) {
            return 0;
        }
        if (streamPos >= data.length) {
            pastEnd();
            return -1;
        }
        int n = (int) Math.min(len, data.length - streamPos);
        System.arraycopy(data, (int) streamPos, b, off, n);
        streamPos += n;
        return n;
    }

    @Override
    public long length() {
        return data.length;
    }

    private void pastEnd() throws IOException {
        if (++pastEnd > MAX_READS_PAST_END) {
            throw new IOException("the decoder read past the end of the " + data.length + "-byte codestream more than "
                    + MAX_READS_PAST_END + " times (corrupt packet headers)");
        }
    }

    private void checkBudget(int len) throws IOException {
        untilCheck -= Math.max(1, Math.min(len, CHECK_EVERY));
        if (untilCheck > 0) {
            return;
        }
        untilCheck = CHECK_EVERY;
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException("decoding was interrupted");
        }
        if (System.nanoTime() - deadlineNanos > 0) {
            throw new InterruptedIOException("decoding took longer than its time limit");
        }
    }
}
