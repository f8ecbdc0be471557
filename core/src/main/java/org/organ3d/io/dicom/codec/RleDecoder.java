package org.organ3d.io.dicom.codec;

import java.util.Set;

/**
 * DICOM RLE Lossless (PS3.5 Annex G): a 64-byte header of up to 15 segment offsets, then one
 * PackBits-compressed segment per byte plane, most significant byte first, samples in the order
 * R, G, B (so the stream is planar whatever Planar Configuration says).
 *
 * <p>Each segment is decoded straight into its byte lane of the output, with no intermediate plane.
 * Caveats: a segment that decodes to fewer bytes than a plane is an error (truncated); bytes past a
 * full plane (encoders pad segments to even length, some overshoot the last run) are ignored.
 */
public final class RleDecoder implements FrameDecoder {

    static final String NAME = "RLE Lossless";
    private static final int HEADER = 64;

    @Override
    public Set<String> transferSyntaxes() {
        return Set.of("1.2.840.10008.1.2.5");
    }

    @Override
    public int[] decode(byte[] data, FrameSpec spec) throws CodecException {
        if (data.length < HEADER) {
            throw CodecException.at(NAME, data.length, "frame shorter than the 64-byte RLE header");
        }
        int bytesPerSample = spec.bitsAllocated() / 8;
        if (bytesPerSample < 1) {
            throw CodecException.at(NAME, 0, "bits allocated " + spec.bitsAllocated() + " not supported by RLE");
        }
        int spp = spec.samplesPerPixel();
        int segments = readInt(data, 0);
        if (segments != spp * bytesPerSample) {
            throw CodecException.at(NAME, 0, "header has " + Integer.toUnsignedString(segments)
                    + " segments, expected " + spp * bytesPerSample + " for " + spp + " sample(s) of "
                    + spec.bitsAllocated() + " bits");
        }
        int pixels = spec.columns() * spec.rows();
        int[] from = new int[segments];
        int[] to = new int[segments];
        for (int s = 0; s < segments; s++) {
            long start = Integer.toUnsignedLong(readInt(data, 4 + 4 * s));
            long end = s + 1 < segments ? Integer.toUnsignedLong(readInt(data, 8 + 4 * s)) : data.length;
            if (start < HEADER || start > end || end > data.length) {
                throw CodecException.at(NAME, 4 + 4 * s, "segment " + s + " spans bytes " + start + ".." + end
                        + " outside the " + data.length + "-byte frame");
            }
            // NB: a 2-byte PackBits run expands to at most 128 bytes, so a shorter segment cannot fill a
            // plane: refuse it before allocating the output.
            if (64 * (end - start) + 128 < pixels) {
                throw CodecException.at(NAME, start, "segment " + s + " of " + (end - start) + " bytes cannot hold a "
                        + spec.columns() + "x" + spec.rows() + " plane (truncated, or wrong size in the header)");
            }
            from[s] = (int) start;
            to[s] = (int) end;
        }
        int[] out = new int[pixels * spp];
        for (int s = 0; s < segments; s++) {
            int sample = s / bytesPerSample;
            int shift = 8 * (bytesPerSample - 1 - s % bytesPerSample);
            unpack(data, from[s], to[s], out, sample, spp, shift, pixels, s);
        }
        int bits = spec.bitsStored();
        if (bits < 32) {
            int mask = (1 << bits) - 1;
            for (int i = 0; i < out.length; i++) {
                out[i] &= mask;
            }
        }
        return out;
    }

    /** PackBits-decodes bytes [from, to) into lane {@code shift} of every {@code stride}-th sample. */
    private static void unpack(byte[] data, int from, int to, int[] out, int first, int stride, int shift,
            int pixels, int segment) throws CodecException {
        int p = from;
        int n = 0;
        int o = first;
        while (n < pixels) {
            if (p >= to) {
                throw CodecException.at(NAME, p, "segment " + segment + " ends after " + n + " of " + pixels
                        + " bytes (truncated)");
            }
            int h = data[p++];
            if (h >= 0) {
                int count = h + 1;
                if (p + count > to) {
                    throw CodecException.at(NAME, p - 1, "literal run of " + count + " bytes overruns segment "
                            + segment);
                }
                // NB: a run past the end of the plane is clipped (pydicom and GDCM do the same).
                int take = Math.min(count, pixels - n);
                for (int i = 0; i < take; i++, o += stride) {
                    out[o] |= (data[p + i] & 0xFF) << shift;
                }
                p += count;
                n += take;
            } else if (h != -128) {
                int count = Math.min(1 - h, pixels - n);
                if (p >= to) {
                    throw CodecException.at(NAME, p - 1, "replicate run overruns segment " + segment);
                }
                int v = (data[p++] & 0xFF) << shift;
                for (int i = 0; i < count; i++, o += stride) {
                    out[o] |= v;
                }
                n += count;
            }
        }
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }
}
