package org.organ3d.mesh;

/**
 * Real (rescaled) values of one grid slice as flying edges reads them: either a float slice (from
 * {@link org.organ3d.volume.Volume#sliceValues}) or the stored 8/16-bit values with a lookup table
 * that maps every stored bit pattern to its real value. Pass 4 reads values only at cut edges and
 * their neighbours, so for 8/16-bit volumes the slice is never converted as a whole.
 *
 * <p>A holder is re-bound to new arrays as the thread's window moves; not thread-safe.
 */
abstract class SliceSamples {

    /** Real value of sample x (row-major index within the slice). */
    abstract float at(int x);

    /** Float slice. */
    static final class Floats extends SliceSamples {
        float[] v;

        @Override
        float at(int x) {
            return v[x];
        }
    }

    /** 16-bit stored values through a 65 536-entry table. */
    static final class Shorts extends SliceSamples {
        short[] v;
        final float[] lut;

        Shorts(float[] lut) {
            this.lut = lut;
        }

        @Override
        float at(int x) {
            return lut[v[x] & 0xFFFF];
        }
    }

    /** 8-bit stored values through a 256-entry table. */
    static final class Bytes extends SliceSamples {
        byte[] v;
        final float[] lut;

        Bytes(float[] lut) {
            this.lut = lut;
        }

        @Override
        float at(int x) {
            return lut[v[x] & 0xFF];
        }
    }
}
