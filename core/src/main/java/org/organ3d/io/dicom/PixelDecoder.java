package org.organ3d.io.dicom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.organ3d.io.dicom.codec.CodecException;
import org.organ3d.io.dicom.codec.Codecs;
import org.organ3d.io.dicom.codec.FrameDecoder;
import org.organ3d.volume.Rescale;
import org.organ3d.volume.VoxelType;

/**
 * Decodes one frame of a parsed file straight into a slice array of a {@link VoxelType}: native
 * pixel data read in place, encapsulated frames through the transfer syntax's
 * {@link FrameDecoder}.
 *
 * <p>Per sample, in this order: shift right by {@code highBit + 1 − bitsStored} and keep
 * {@code bitsStored} bits (anything above, e.g. overlay bits, is dropped); sign-extend from bits
 * stored when Pixel Representation is 1; invert MONOCHROME1 ({@code v' = min + max − v} over the
 * bits-stored range, so that larger means brighter as in MONOCHROME2). Colour pixels (RGB, or RGB
 * from a codec) become grey luminance {@code round(0.299 R + 0.587 G + 0.114 B)} (ITU-R BT.601, the
 * Y of YCbCr), because a {@code Volume} is scalar; native YBR_FULL and YBR_FULL_422 keep their Y
 * sample, which is that same luminance. Planar configuration 1 (R plane, G plane, B plane) is
 * honoured for native data.
 *
 * <p>Rescale is not applied (it stays the volume's {@link Rescale}) except for a float32 target of
 * integer data, where {@code floatRescale} is applied (series with per-slice rescales).
 *
 * <p>Stateless and thread-safe. Memory: native frames are read in place; an encapsulated frame
 * costs its compressed bytes plus the codec's {@code int[]} of samples.
 */
public final class PixelDecoder {

    private PixelDecoder() {
    }

    /**
     * Decodes frame {@code frame} (0-based) of {@code df} into {@code dest}.
     *
     * @param dest         slice array of {@code type}, at least rows × columns long
     * @param floatRescale applied when {@code type} is float32 and the stored data are integers
     * @throws DicomParseException                if the pixel data are too short or malformed
     * @throws UnsupportedTransferSyntaxException if the data are compressed in a syntax without a codec
     * @throws CodecException                     if the codec fails on the frame
     */
    public static void decode(DicomFile df, PixelModule pm, int frame, VoxelType type, Object dest, Rescale floatRescale)
            throws java.io.IOException {
        Path file = df.file();
        Attributes.Element e = df.dataset().get(pm.pixelTag());
        if (e == null) {
            throw new DicomParseException(file, -1, "no pixel data (7FE0,0010) in this file");
        }
        if (frame < 0 || frame >= pm.frames()) {
            // NB: reachable with a file whose Number of Frames differs between the header scan and
            // the whole file (a second, out-of-order element after the pixel data)
            throw new DicomParseException(file, e.offset(), "frame " + (frame + 1) + " asked for, but Number of Frames is "
                    + pm.frames() + " (the file contradicts itself)");
        }
        if (e.isEncapsulated() && pm.isFloat()) {
            throw new DicomParseException(file, e.offset(), "float pixel data cannot be encapsulated (compressed)");
        }
        if (e.isEncapsulated()) {
            decodeEncapsulated(df, pm, e, frame, type, dest, floatRescale);
            return;
        }
        long fb = pm.frameBytes();
        long start = fb * frame;
        if (e.length() < start + fb) {
            throw new DicomParseException(file, e.offset(), "pixel data has " + e.length() + " bytes but frame " + (frame + 1)
                    + " of " + pm.frames() + " needs bytes " + start + ".." + (start + fb) + " (truncated or wrong size)");
        }
        ByteBuffer data = e.value().duplicate().order(df.dataset().bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int base = (int) start;
        if (pm.isFloat()) {
            decodeFloat(data, base, pm, (float[]) dest);
        } else if (pm.samplesPerPixel() == 1) {
            decodeGrey(data, base, pm, type, dest, floatRescale);
        } else {
            decodeColour(data, base, pm, type, dest, floatRescale);
        }
    }

    private static void decodeFloat(ByteBuffer data, int base, PixelModule pm, float[] dest) {
        int n = pm.pixelCount();
        if (pm.bitsAllocated() == 32) {
            data.position(base);
            data.asFloatBuffer().get(dest, 0, n);
        } else {
            for (int p = 0; p < n; p++) {
                dest[p] = (float) data.getDouble(base + 8 * p);
            }
        }
    }

    private static void decodeGrey(ByteBuffer data, int base, PixelModule pm, VoxelType type, Object dest, Rescale fr) {
        int n = pm.pixelCount();
        int ba = pm.bitsAllocated();
        if (ba == 16 && (type == VoxelType.INT16 || type == VoxelType.UINT16)) {
            short[] d = (short[]) dest;
            data.position(base);
            data.asShortBuffer().get(d, 0, n);
            if (!plain(pm, 16)) {
                for (int p = 0; p < n; p++) {
                    d[p] = (short) transform(d[p] & 0xFFFF, pm);
                }
            }
            return;
        }
        if (ba == 8 && (type == VoxelType.UINT8 || type == VoxelType.INT8)) {
            byte[] d = (byte[]) dest;
            data.position(base);
            data.get(d, 0, n);
            if (!plain(pm, 8)) {
                for (int p = 0; p < n; p++) {
                    d[p] = (byte) transform(d[p] & 0xFF, pm);
                }
            }
            return;
        }
        for (int p = 0; p < n; p++) {
            store(dest, type, p, transform(sample(data, base, ba, p), pm), fr);
        }
    }

    private static void decodeColour(ByteBuffer data, int base, PixelModule pm, VoxelType type, Object dest, Rescale fr) {
        int n = pm.pixelCount();
        int ba = pm.bitsAllocated();
        String pi = pm.photometric();
        if (pi.startsWith("YBR_FULL_422")) {
            int cols = pm.columns();
            for (int p = 0; p < n; p++) {
                int row = p / cols;
                int col = p % cols;
                // NB: each pair of pixels is stored Y0 Y1 Cb Cr; rows start on a pair boundary
                int idx = row * cols * 2 + (col / 2) * 4 + (col & 1);
                store(dest, type, p, transform(sample(data, base, ba, idx), pm), fr);
            }
            return;
        }
        boolean luma = pi.startsWith("YBR");
        for (int p = 0; p < n; p++) {
            long r;
            long g;
            long b;
            if (pm.planarConfiguration() == 0) {
                r = transform(sample(data, base, ba, 3 * p), pm);
                g = luma ? 0 : transform(sample(data, base, ba, 3 * p + 1), pm);
                b = luma ? 0 : transform(sample(data, base, ba, 3 * p + 2), pm);
            } else {
                r = transform(sample(data, base, ba, p), pm);
                g = luma ? 0 : transform(sample(data, base, ba, n + p), pm);
                b = luma ? 0 : transform(sample(data, base, ba, 2 * n + p), pm);
            }
            store(dest, type, p, luma ? r : luminance(r, g, b), fr);
        }
    }

    private static void decodeEncapsulated(DicomFile df, PixelModule pm, Attributes.Element e, int frame, VoxelType type,
            Object dest, Rescale fr) throws java.io.IOException {
        String uid = df.transferSyntax().uid();
        FrameDecoder dec = Codecs.forTransferSyntax(uid).orElseThrow(
                () -> new UnsupportedTransferSyntaxException(df.file(), uid, df.transferSyntax().name()));
        byte[] bytes = EncapsulatedFrames.frame(df.dataset(), e, frame, pm.frames(), df.file());
        int[] s;
        try {
            s = dec.decode(bytes, pm.frameSpec());
        } catch (CodecException ce) {
            throw new CodecException((df.file() == null ? "" : df.file() + ": ") + "frame " + (frame + 1) + ": "
                    + ce.getMessage(), ce);
        }
        int n = pm.pixelCount();
        if (s.length < n * pm.samplesPerPixel()) {
            throw new CodecException(df.file() + ": frame " + (frame + 1) + ": codec returned " + s.length
                    + " samples, expected " + n * pm.samplesPerPixel());
        }
        // NB: codec samples are unsigned bits-stored values already aligned at bit 0 (FrameDecoder contract)
        PixelModule aligned = new PixelModule(pm.rows(), pm.columns(), pm.samplesPerPixel(), pm.bitsAllocated(),
                pm.bitsStored(), pm.bitsStored() - 1, pm.signed(), 0, pm.photometric(), pm.frames(), pm.pixelTag());
        if (pm.samplesPerPixel() == 1) {
            for (int p = 0; p < n; p++) {
                store(dest, type, p, transform(Integer.toUnsignedLong(s[p]), aligned), fr);
            }
        } else {
            for (int p = 0; p < n; p++) {
                long r = transform(Integer.toUnsignedLong(s[3 * p]), aligned);
                long g = transform(Integer.toUnsignedLong(s[3 * p + 1]), aligned);
                long b = transform(Integer.toUnsignedLong(s[3 * p + 2]), aligned);
                store(dest, type, p, luminance(r, g, b), fr);
            }
        }
    }

    /** True if stored samples of this width need no shift, mask, sign extension or inversion. */
    private static boolean plain(PixelModule pm, int width) {
        return pm.bitsStored() == width && pm.highBit() == width - 1 && !pm.inverted();
    }

    private static long sample(ByteBuffer data, int base, int ba, int index) {
        return switch (ba) {
            case 8 -> data.get(base + index) & 0xFF;
            case 16 -> data.getShort(base + 2 * index) & 0xFFFF;
            default -> Integer.toUnsignedLong(data.getInt(base + 4 * index));
        };
    }

    /** Shift, mask, sign-extend and (MONOCHROME1) invert one raw sample. */
    static long transform(long raw, PixelModule pm) {
        int bs = pm.bitsStored();
        long v = (raw >>> (pm.highBit() + 1 - bs)) & ((1L << bs) - 1);
        if (pm.signed() && (v & (1L << (bs - 1))) != 0) {
            v -= 1L << bs;
        }
        if (pm.inverted()) {
            v = pm.minStored() + pm.maxStored() - v;
        }
        return v;
    }

    private static long luminance(long r, long g, long b) {
        return Math.round(0.299 * r + 0.587 * g + 0.114 * b);
    }

    private static void store(Object dest, VoxelType type, int p, long v, Rescale fr) {
        switch (type) {
            case UINT8, INT8 -> ((byte[]) dest)[p] = (byte) v;
            case INT16, UINT16 -> ((short[]) dest)[p] = (short) v;
            case INT32 -> ((int[]) dest)[p] = (int) v;
            case FLOAT32 -> ((float[]) dest)[p] = (float) (v * fr.slope() + fr.intercept());
        }
    }
}
