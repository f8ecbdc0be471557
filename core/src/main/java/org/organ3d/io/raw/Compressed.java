package org.organ3d.io.raw;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import org.organ3d.io.ImageFormatException;
import org.organ3d.io.ReadWarning.Kind;
import org.organ3d.io.ReadWarning;

/**
 * gzip and zlib streams for voxel data, with the plausibility check that keeps a lying header from
 * making us allocate more than the compressed bytes could ever expand to.
 */
public final class Compressed {

    /**
     * Deflate cannot expand data by more than about 1032:1 (a 258-byte match costs at least two
     * bits); a header promising more than that is lying.
     */
    public static final long MAX_RATIO = 1032;

    /** Size of the compressed input buffer: large, so that inflation runs in long uninterrupted stretches. */
    public static final int INPUT_BUFFER = 1 << 18;

    private Compressed() {
    }

    /**
     * Fails unless {@code compressedBytes} could inflate to {@code expectedBytes}.
     */
    public static void checkPlausible(long expectedBytes, long compressedBytes, FormatErrors errors) throws ImageFormatException {
        if (expectedBytes > compressedBytes * MAX_RATIO + 4096) {
            throw errors.error(-1, "header promises " + expectedBytes + " bytes of voxels but the " + compressedBytes
                    + " compressed bytes can hold at most " + (compressedBytes * MAX_RATIO + 4096) + " (absurd size or truncated file)");
        }
    }

    /**
     * An inflating stream over {@code raw}: gzip when it starts with the gzip magic (1f 8b), else a
     * zlib stream (as MetaImage writes). Concatenated gzip members are read as one stream.
     *
     * @param raw positioned at the first compressed byte; closed with the returned stream
     */
    public static InputStream inflating(InputStream raw, FormatErrors errors) throws IOException {
        java.io.PushbackInputStream p = new java.io.PushbackInputStream(raw, 2);
        int b0 = p.read();
        int b1 = p.read();
        if (b0 < 0 || b1 < 0) {
            throw errors.error(-1, "compressed voxel data is missing (stream ends at once)");
        }
        p.unread(b1);
        p.unread(b0);
        try {
            if (b0 == 0x1f && b1 == 0x8b) {
                return new GZIPInputStream(p, INPUT_BUFFER);
            }
            if ((b0 & 0x0f) == 8 && ((b0 << 8) | b1) % 31 == 0) {
                return new InflaterInputStream(p, new java.util.zip.Inflater(), INPUT_BUFFER);
            }
        } catch (IOException e) {
            throw errors.error(-1, "corrupt gzip header: " + e.getMessage(), e);
        }
        throw errors.error(-1, String.format("compressed data is neither gzip nor zlib (starts with %02x %02x)", b0, b1));
    }

    /**
     * Reads what follows the voxels in a decompressed stream up to its end, so that the gzip
     * trailer (CRC-32 and length) is checked, and warns about trailing bytes. Stops reading after
     * 64 MiB of trailing data (then only warns).
     *
     * @param at decompressed offset reached, for messages
     * @param file the file named in the warning
     */
    public static void verifyEnd(InputStream in, long at, FormatErrors errors, java.nio.file.Path file,
            java.util.List<ReadWarning> warnings) throws IOException {
        byte[] buf = new byte[1 << 16];
        long extra = 0;
        try {
            int r;
            while (extra < (64L << 20) && (r = in.read(buf)) >= 0) {
                extra += r;
            }
        } catch (java.io.EOFException e) {
            throw errors.error(-1, "compressed stream ends early after the voxel data (truncated file, no gzip trailer)", e);
        } catch (IOException e) {
            throw errors.error(-1, "corrupt compressed data (checksum or trailer) after " + (at + extra)
                    + " decompressed bytes: " + e.getMessage(), e);
        }
        if (extra > 0) {
            warnings.add(new ReadWarning(Kind.IGNORED_DATA, file,
                    extra + " unexpected decompressed bytes after the voxel data were ignored"));
        }
    }

    /**
     * A gzip stream at deflate level 1 (fast; files ~10–20 % larger than level 6), compressed on all
     * cores ({@link ParallelGzipOutputStream}); closing it closes {@code out}.
     */
    public static OutputStream gzip(OutputStream out) throws IOException {
        return new ParallelGzipOutputStream(out, Deflater.BEST_SPEED);
    }
}
