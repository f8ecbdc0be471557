package org.organ3d.io.dicom.codec;

import com.github.jaiimageio.jpeg2000.impl.J2KImageReaderSpi;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Set;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

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
 * <p>Caveats: JJ2000 is slow (about 42 ms of CPU per 512×512 16-bit CT slice, ~12 MB/s, against
 * ~1.3 ms for lossless JPEG); a fresh reader is made per frame because ImageIO readers are not
 * thread-safe. Runtime errors of the reader on corrupt
 * streams are wrapped in {@link CodecException}.
 */
public final class Jpeg2000Decoder implements FrameDecoder {

    static final String NAME = "JPEG 2000";

    @Override
    public Set<String> transferSyntaxes() {
        return Set.of("1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.91");
    }

    @Override
    public int[] decode(byte[] data, FrameSpec spec) throws CodecException {
        checkSiz(data, spec);
        Raster raster;
        ImageReader reader = null;
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(data))) {
            // NB: made here, not in a static field, so that Codecs still loads (and the other syntaxes
            // still decode) when an embedder leaves jai-imageio off the classpath.
            reader = new J2KImageReaderSpi().createReaderInstance();
            reader.setInput(in, true, true);
            raster = reader.readRaster(0, null);
        } catch (IOException | RuntimeException e) {
            throw CodecException.at(NAME, 0, "the JPEG 2000 reader failed: " + e, e);
        } catch (NoClassDefFoundError e) {
            throw new CodecException(NAME + ": the jai-imageio-jpeg2000 library is not on the classpath", e);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Error e) {
            // NB: JJ2000's exception handler ends with Thread.stop() on the calling thread (ThreadDeath on
            // Java 17): catching it here keeps the caller's thread alive and turns it into a typed error.
            throw CodecException.at(NAME, 0, "the JPEG 2000 reader failed: " + e, e);
        } finally {
            if (reader != null) {
                reader.dispose();
            }
        }
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
        checkTileParts(d, at - 2);
    }

    private static void checkTileParts(byte[] d, int siz) throws CodecException {
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
                return;
            }
            if (p + 12 > n || u16(d, p) != 0xFF90) {
                throw CodecException.at(NAME, p, "codestream ends without EOC (truncated or corrupt)");
            }
            long psot = u32(d, p + 6);
            if (psot == 0) {
                if (n >= 2 && u16(d, n - 2) == 0xFFD9) {
                    return;
                }
                throw CodecException.at(NAME, p, "last tile-part runs to an EOC marker that is missing (truncated)");
            }
            if (psot < 14 || p + psot > n) {
                throw CodecException.at(NAME, p, "tile-part length " + psot + " exceeds the " + (n - p)
                        + " bytes that remain (truncated)");
            }
            p += (int) psot;
        }
    }

    private static long u32(byte[] d, int at) {
        return (long) u16(d, at) << 16 | u16(d, at + 2);
    }

    private static int u16(byte[] d, int at) {
        return (d[at] & 0xFF) << 8 | d[at + 1] & 0xFF;
    }
}
