package org.organ3d.io.nrrd;

import java.io.IOException;
import java.io.InputStream;
import org.organ3d.io.ImageFormatException;
import org.organ3d.io.raw.FormatErrors;
import org.organ3d.io.raw.SampleType;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/** NRRD's ascii encoding: numbers separated by white space (or commas), i fastest. */
final class AsciiVoxels {

    private AsciiVoxels() {
    }

    static Volume read(InputStream in, long start, SampleType type, Dimensions dims, Geometry g, FormatErrors errors) throws IOException {
        VoxelType t = type == SampleType.UINT32 ? VoxelType.FLOAT32 : type.target();
        Volume.Builder b = Volume.builder(dims, t, g);
        StringBuilder tok = new StringBuilder(32);
        long pos = start;
        int n = dims.sliceSize();
        for (int k = 0; k < dims.nz(); k++) {
            java.nio.Buffer s = b.sliceForWriting(k);
            for (int x = 0; x < n; x++) {
                tok.setLength(0);
                int c;
                while ((c = in.read()) >= 0 && (Character.isWhitespace(c) || c == ',')) {
                    pos++;
                }
                long at = pos;
                while (c >= 0 && !Character.isWhitespace(c) && c != ',') {
                    tok.append((char) c);
                    pos++;
                    c = in.read();
                }
                pos++;
                if (tok.length() == 0) {
                    throw errors.error(at, "ascii data ends after " + ((long) k * n + x) + " of " + dims.voxelCount() + " values");
                }
                double v;
                try {
                    v = Double.parseDouble(tok.toString());
                } catch (NumberFormatException e) {
                    throw errors.error(at, "\"" + tok + "\" is not a number", e);
                }
                store(s, x, v, t, at, errors);
            }
        }
        return b.build();
    }

    private static void store(java.nio.Buffer s, int x, double v, VoxelType t, long at, FormatErrors errors) throws ImageFormatException {
        if (t.isInteger() && (v != Math.rint(v) || v < t.minValue() || v > t.maxValue())) {
            throw errors.error(at, v + " is not a " + t.label() + " value");
        }
        switch (t) {
            case UINT8, INT8 -> ((java.nio.ByteBuffer) s).put(x, (byte) (int) v);
            case INT16, UINT16 -> ((java.nio.ShortBuffer) s).put(x, (short) (int) v);
            case INT32 -> ((java.nio.IntBuffer) s).put(x, (int) v);
            case FLOAT32 -> ((java.nio.FloatBuffer) s).put(x, (float) v);
        }
    }
}
