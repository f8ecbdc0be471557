package org.organ3d.io.dicom.codec;

import com.github.jaiimageio.jpeg2000.impl.J2KImageReaderSpi;
import java.awt.image.Raster;
import java.io.IOException;
import java.util.Set;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * JPEG 2000 lossless (1.2.840.10008.1.2.4.90) and lossy (.91) through the jai-imageio JPEG 2000
 * reader (JJ2000, pure Java, from Maven Central).
 *
 * <p>Pass 1: the SIZ segment of the codestream (bare, as DICOM stores it, or inside a JP2 box) is
 * read and checked against the DICOM pixel module (size, component count, bit depth no deeper than
 * Bits Allocated) before the reader allocates anything. Pass 2: the reader decodes to a raster;
 * it undoes the reversible / irreversible component transform (YBR_RCT, YBR_ICT → RGB) itself.
 * Pass 3: samples are masked to Bits Stored, which maps signed components (returned sign-extended)
 * to their two's-complement stored form and tolerates streams whose signedness disagrees with Pixel
 * Representation (a known GDCM-era defect).
 *
 * <p>Bounds (JJ2000 itself has none): before the reader runs, the main header and the chain of
 * tile-parts are walked to EOC (no truncated stream, no tile index outside the SIZ grid, no more
 * tiles than tile-parts); the reader then reads through a {@link BoundedCodestream} (at most
 * {@value BoundedCodestream#MAX_READS_PAST_END} reads past the end, a deadline checked every few
 * thousand reads) on a {@link Watchdog} thread, so a frame fails with a {@link CodecException}
 * after at most {@link #timeLimitNanos} plus {@value Watchdog#GRACE_MILLIS} ms, whatever the
 * stream holds. The packet headers that made JJ2000 loop forever (reads past the end taken as ones)
 * now end at the 65th read past the end, in microseconds.
 *
 * <p>Caveats: JJ2000 is slow (about 42 ms of CPU per 512×512 16-bit CT slice, ~12 MB/s, against
 * ~1.3 ms for lossless JPEG); a fresh reader is made per frame because ImageIO readers are not
 * thread-safe. Runtime errors of the reader on corrupt
 * streams are wrapped in {@link CodecException}.
 */
public final class Jpeg2000Decoder implements FrameDecoder {

    static final String NAME = "JPEG 2000";
    /** Fixed part of a frame's time limit (ms). */
    static final long BASE_MILLIS = 3000;
    /** Per-sample part of a frame's time limit (ns). */
    static final long NANOS_PER_SAMPLE = 1000;

    @Override
    public Set<String> transferSyntaxes() {
        return Set.of("1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.91");
    }

    @Override
    public int[] decode(byte[] data, FrameSpec spec) throws CodecException {
        checkSiz(data, spec);
        long deadline = System.nanoTime() + timeLimitNanos(spec);
        Raster raster = Watchdog.run(NAME, deadline, () -> readRaster(data, deadline));
        if (raster.getWidth() != spec.columns() || raster.getHeight() != spec.rows()
                || raster.getNumBands() != spec.samplesPerPixel()) {
            throw CodecException.at(NAME, 0, "decoded " + raster.getWidth() + "x" + raster.getHeight() + "x"
                    + raster.getNumBands() + ", the DICOM header says " + spec.columns() + "x" + spec.rows() + "x"
                    + spec.samplesPerPixel());
        }
        int[] out = raster.getPixels(raster.getMinX(), raster.getMinY(), spec.columns(), spec.rows(),
                new int[spec.sampleCount()]);
        if (spec.bitsStored() < 32) {
            int mask = (1 << spec.bitsStored()) - 1;
            for (int i = 0; i < out.length; i++) {
                out[i] &= mask;
            }
        }
        return out;
    }

    /**
     * The time a frame may take: {@value #BASE_MILLIS} ms plus {@value #NANOS_PER_SAMPLE} ns per
     * sample, about 25 times JJ2000's speed on a quiet core (a 512×512 frame gets 3.3 s, a 4096×4096
     * mammogram 19.8 s).
     */
    static long timeLimitNanos(FrameSpec spec) {
        return BASE_MILLIS * 1_000_000L + NANOS_PER_SAMPLE * (long) spec.sampleCount();
    }

    private static Raster readRaster(byte[] data, long deadline) throws CodecException {
        ImageReader reader = null;
        try (ImageInputStream in = new BoundedCodestream(data, deadline)) {
            // NB: made here, not in a static field, so that Codecs still loads (and the other syntaxes
            // still decode) when an embedder leaves jai-imageio off the classpath.
            reader = new J2KImageReaderSpi().createReaderInstance();
            reader.setInput(in, true, true);
            return reader.readRaster(0, null);
        } catch (IOException | RuntimeException e) {
            throw CodecException.at(NAME, 0, "the JPEG 2000 reader failed: " + e, e);
        } catch (NoClassDefFoundError e) {
            throw new CodecException(NAME + ": the jai-imageio-jpeg2000 library is not on the classpath", e);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Error e) {
            // NB: JJ2000's exception handler ends with Thread.stop() on the calling thread (ThreadDeath on
            // Java 17): catching it here turns it into a typed error.
            throw CodecException.at(NAME, 0, "the JPEG 2000 reader failed: " + e, e);
        } finally {
            if (reader != null) {
                reader.dispose();
            }
        }
    }

    /**
     * Finds SIZ (FF4F FF51), checks image size, components and depth, then walks the main header and
     * the tile-parts (SOT lengths) to the EOC marker, so that a truncated codestream is refused here:
     * JJ2000 itself reacts to truncation by stopping the calling thread.
     */
    static void checkSiz(byte[] d, FrameSpec spec) throws CodecException {
        int at = -1;
        for (int i = 0; i + 3 < d.length; i++) {
            if ((d[i] & 0xFF) == 0xFF && (d[i + 1] & 0xFF) == 0x4F && (d[i + 2] & 0xFF) == 0xFF
                    && (d[i + 3] & 0xFF) == 0x51) {
                at = i + 4;
                break;
            }
        }
        if (at < 0) {
            throw CodecException.at(NAME, 0, "no JPEG 2000 codestream (SOC + SIZ markers) in the frame");
        }
        if (at + 38 > d.length) {
            throw CodecException.at(NAME, at, "SIZ segment truncated");
        }
        long width = u32(d, at + 4) - u32(d, at + 12);
        long height = u32(d, at + 8) - u32(d, at + 16);
        int comps = u16(d, at + 36);
        if (width != spec.columns() || height != spec.rows() || comps != spec.samplesPerPixel()) {
            throw CodecException.at(NAME, at, "codestream is " + width + "x" + height + " with " + comps
                    + " component(s), the DICOM header says " + spec.columns() + "x" + spec.rows() + " with "
                    + spec.samplesPerPixel());
        }
        if (at + 38 + 3 * comps > d.length) {
            throw CodecException.at(NAME, at, "SIZ segment truncated");
        }
        for (int c = 0; c < comps; c++) {
            int depth = (d[at + 38 + 3 * c] & 0x7F) + 1;
            if (depth > spec.bitsAllocated()) {
                throw CodecException.at(NAME, at + 38 + 3 * c, "component depth " + depth + " exceeds Bits Allocated "
                        + spec.bitsAllocated());
            }
        }
        long tw = u32(d, at + 20);
        long th = u32(d, at + 24);
        long tx0 = u32(d, at + 28);
        long ty0 = u32(d, at + 32);
        if (tw == 0 || th == 0 || tx0 > u32(d, at + 12) || ty0 > u32(d, at + 16) || tx0 + tw <= u32(d, at + 12)
                || ty0 + th <= u32(d, at + 16)) {
            throw CodecException.at(NAME, at + 20, "tile grid " + tw + "x" + th + " at " + tx0 + "," + ty0
                    + " does not cover the image (invalid SIZ)");
        }
        long tiles = ceilDiv(u32(d, at + 4) - tx0, tw) * ceilDiv(u32(d, at + 8) - ty0, th);
        checkTileParts(d, at - 2, tiles);
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    /**
     * Walks the main header to the first tile-part, then the tile-parts to EOC: every tile index
     * below the SIZ tile count, and at least as many tile-parts as tiles (every tile has one, T.800
     * A.4.2), so that a SIZ claiming millions of tiles never reaches the reader's per-tile loops.
     */
    private static void checkTileParts(byte[] d, int siz, long tiles) throws CodecException {
        long parts = 0;
        int n = d.length;
        while (n > 0 && d[n - 1] == 0) {
            n--;
        }
        int p = siz;
        while (true) {
            if (p + 4 > n) {
                throw CodecException.at(NAME, p, "main header truncated before the first tile-part");
            }
            int marker = u16(d, p);
            if (marker == 0xFF90) {
                break;
            }
            if ((marker & 0xFF00) != 0xFF00) {
                throw CodecException.at(NAME, p, String.format("expected a marker in the main header, found %04X", marker));
            }
            p += 2 + u16(d, p + 2);
        }
        while (true) {
            if (p + 2 <= n && u16(d, p) == 0xFFD9) {
                checkTileCount(p, parts, tiles);
                return;
            }
            if (p + 12 > n || u16(d, p) != 0xFF90) {
                throw CodecException.at(NAME, p, "codestream ends without EOC (truncated or corrupt)");
            }
            if (u16(d, p + 4) >= tiles) {
                throw CodecException.at(NAME, p + 4, "tile-part of tile " + u16(d, p + 4) + ", but SIZ has " + tiles + " tile(s)");
            }
            parts++;
            long psot = u32(d, p + 6);
            if (psot == 0) {
                if (n >= 2 && u16(d, n - 2) == 0xFFD9) {
                    checkTileData(d, p, n - 2);
                    checkTileCount(p, parts, tiles);
                    return;
                }
                throw CodecException.at(NAME, p, "last tile-part runs to an EOC marker that is missing (truncated)");
            }
            if (psot < 14 || p + psot > n) {
                throw CodecException.at(NAME, p, "tile-part length " + psot + " exceeds the " + (n - p)
                        + " bytes that remain (truncated)");
            }
            checkTileData(d, p, (int) (p + psot));
            p += (int) psot;
        }
    }

    /**
     * The tile-part at {@code sot} (ending before {@code end}): its header's marker segments up to SOD,
     * then its packet data, where 0xFF is followed by a byte below 0x90 (bit stuffing in packet
     * headers, MQ and raw coding in code-block data, T.800 B.10.1 and D.4.1) or begins an SOP or EPH
     * marker. JJ2000's packet-header reader takes two 0xFF bytes in a row as an endless run of one
     * bits without reading further, so such data is refused here.
     */
    private static void checkTileData(byte[] d, int sot, int end) throws CodecException {
        int q = sot + 12;
        while (true) {
            if (q + 2 > end) {
                throw CodecException.at(NAME, q, "tile-part without SOD marker");
            }
            int marker = u16(d, q);
            if (marker == 0xFF93) {
                break;
            }
            if ((marker & 0xFF00) != 0xFF00 || q + 4 > end) {
                throw CodecException.at(NAME, q, String.format("expected a marker in the tile-part header, found %04X", marker));
            }
            q += 2 + u16(d, q + 2);
        }
        for (int i = q + 2; i < end; i++) {
            if (d[i] == (byte) 0xFF) {
                int next = i + 1 < end ? d[i + 1] & 0xFF : 0xFF;
                if (next >= 0x90 && next != 0x91 && next != 0x92) {
                    throw CodecException.at(NAME, i, String.format("marker-like bytes FF%02X inside packet data (corrupt)", next));
                }
            }
        }
    }

    private static void checkTileCount(int at, long parts, long tiles) throws CodecException {
        if (parts < tiles) {
            throw CodecException.at(NAME, at, "SIZ has " + tiles + " tiles but the codestream holds " + parts
                    + " tile-part(s)");
        }
    }

    private static long u32(byte[] d, int at) {
        return (long) u16(d, at) << 16 | u16(d, at + 2);
    }

    private static int u16(byte[] d, int at) {
        return (d[at] & 0xFF) << 8 | d[at + 1] & 0xFF;
    }
}
