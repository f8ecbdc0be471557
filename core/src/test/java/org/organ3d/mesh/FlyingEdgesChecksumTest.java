package org.organ3d.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.joml.Vector3d;
import org.junit.jupiter.api.Test;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.Rescale;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * Pins {@link FlyingEdges}' exact output (triangle indices, position and normal bits) on a few
 * volumes, so that speed work cannot change results: the OpenCL kernels mirror these numerics and
 * are compared with the Java output exactly. The checksums were taken from the four-pass
 * implementation before the bit-mask rewrite (commit 7a134cb); a change here must be deliberate and
 * mirrored in gpu-kernels. Row widths 65 and 129 cross the 64-sample word boundaries of the masks.
 */
class FlyingEdgesChecksumTest {

    static long checksum(Mesh m) {
        long h = 1125899906842597L;
        for (int x : m.indicesCopy()) {
            h = 31 * h + x;
        }
        for (float f : m.positionsCopy()) {
            h = 31 * h + Float.floatToRawIntBits(f);
        }
        float[] n = m.normalsCopy();
        if (n != null) {
            for (float f : n) {
                h = 31 * h + Float.floatToRawIntBits(f);
            }
        }
        return h;
    }

    private static String sum(Volume v, IsoSurfaceOptions o) {
        Mesh one = FlyingEdges.extract(v, o, 1);
        Mesh two = FlyingEdges.extract(v, o, 3);
        assertEquals(checksum(one), checksum(two), "thread count changed the result");
        return one.triangleCount() + "/" + one.vertexCount() + "/" + Long.toHexString(checksum(one));
    }

    /** Noisy stored volume sampling a torus on an oblique grid. */
    private static Volume stored(VoxelType type, Rescale rs, int nx, int ny, int nz, long seed, double noise) {
        Random rnd = new Random(seed);
        Phantoms.Field f = Phantoms.torus(9, 4);
        Geometry geo = Phantoms.obliqueGrid(0.9, 0.8, 1.4, 16);
        Volume.Builder b = Volume.builder(new Dimensions(nx, ny, nz), type, geo).rescale(rs);
        Vector3d p = new Vector3d();
        for (int k = 0; k < nz; k++) {
            java.nio.Buffer sl = b.sliceForWriting(k);
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    geo.indexToPatient(i * 30.0 / nx, j, k, p);
                    double v = 10 * f.at(p.x, p.y, p.z) + noise * rnd.nextGaussian();
                    int raw = (int) Math.round(type == VoxelType.UINT8 || type == VoxelType.UINT16 ? v + 100 : v);
                    raw = (int) Math.max(type.minValue(), Math.min(type.maxValue(), raw));
                    if (sl instanceof java.nio.ShortBuffer s) {
                        s.put(i + nx * j, (short) raw);
                    } else {
                        ((java.nio.ByteBuffer) sl).put(i + nx * j, (byte) raw);
                    }
                }
            }
        }
        return b.build();
    }

    @Test
    void floatTorusOnObliqueGrid() {
        double half = 20;
        Volume vol = Phantoms.sample(Phantoms.torus(11, 5), Phantoms.obliqueGrid(0.9, 0.8, 1.7, half), half);
        assertEquals("6432/3216/d54ea5fc09963662", sum(vol, IsoSurfaceOptions.open(0)));
        assertEquals("6432/3216/d54ea5fc09963662", sum(vol, new IsoSurfaceOptions(0, true, true)));
        assertEquals("6432/3216/9775020794eeb41c", sum(vol, new IsoSurfaceOptions(0, false, false)));
    }

    @Test
    void leftHandedSphereCapped() {
        double half = 14;
        Geometry geo = Geometry.fromAffine(new org.joml.Matrix4d(Phantoms.axisGrid(1, 1, 1, half).indexToLps())
                .scaleLocal(-1, 1, 1));
        Volume vol = Phantoms.sample((x, y, z) -> 12 - Math.sqrt((x - 6) * (x - 6) + y * y + z * z), geo, half);
        assertEquals("4500/2287/74b4b6d2891da80", sum(vol, IsoSurfaceOptions.open(0)));
        assertEquals("5088/2546/fa2422ac43a24b99", sum(vol, new IsoSurfaceOptions(0, true, true)));
    }

    @Test
    void storedNoisyVolumesAcrossWordBoundaries() {
        assertEquals("7874/4043/6463c2be8fc96d18", sum(stored(VoxelType.INT16, Rescale.IDENTITY, 65, 30, 24, 1, 3), IsoSurfaceOptions.open(0.5)));
        assertEquals("16310/8317/8175ff92f3349e32", sum(stored(VoxelType.INT16, new Rescale(-1.3, 20), 129, 31, 22, 2, 3),
                IsoSurfaceOptions.open(new Rescale(-1.3, 20).apply(0.5))));
        assertEquals("8618/4400/b4cb43d234649032", sum(stored(VoxelType.UINT16, new Rescale(0.7, -40), 64, 33, 20, 3, 3),
                IsoSurfaceOptions.open(new Rescale(0.7, -40).apply(100.5))));
        assertEquals("14700/7528/bcb5e81e311547d5", sum(stored(VoxelType.UINT8, Rescale.IDENTITY, 128, 29, 21, 4, 3),
                IsoSurfaceOptions.open(100.5)));
        assertEquals("8740/4378/5a529a3da14161d1", sum(stored(VoxelType.INT8, Rescale.IDENTITY, 66, 30, 20, 5, 3),
                new IsoSurfaceOptions(0.5, true, true)));
        // white noise: every ambiguous case, many non-uniform cubes per row
        assertEquals("69619/39579/c8616c001aed514c", sum(stored(VoxelType.INT16, Rescale.IDENTITY, 131, 20, 12, 6, 200), IsoSurfaceOptions.open(0.5)));
        assertEquals("115/191/a68c91f299dfcf4c", sum(stored(VoxelType.INT16, Rescale.IDENTITY, 63, 2, 2, 7, 200), IsoSurfaceOptions.open(0.5)));
    }
}
