package org.organ3d.testdata.phantom;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.joml.Vector3d;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.LabelInfo;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Spacing;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * A label map the size of a whole-body TotalSegmentator output, for the speed of multi-label
 * writers and readers (SEG, RTSTRUCT): {@code n} labelled ellipsoids (117 by default) placed in an
 * elliptic body outline, each elongated along z as organs, muscles and vessels are (semi-axes 6 to
 * 40 mm in-plane, 5 to 60 mm along z), smaller ellipsoids drawn over larger ones; a label that
 * others still hide entirely (on small grids) gets the 3 × 3 × 3 voxels at its centre back, so every
 * label is present. Deterministic for a seed, whatever the thread count; no truths beyond the voxels
 * themselves.
 *
 * <p>On the default grid (512 × 512 × 400 voxels of 0.8 × 0.8 × 1 mm) every label is present, on
 * about 60 slices on average: a binary SEG of it holds about 7000 frames.
 */
public final class ManyLabelPhantom {

    /** The default grid: 512 × 512 × 400 voxels of 0.8 × 0.8 × 1.0 mm, axial, centred on the origin. */
    public static final Dimensions DIMENSIONS = new Dimensions(512, 512, 400);

    private ManyLabelPhantom() {
    }

    /** The grid of {@link #DIMENSIONS}. */
    public static Geometry geometry(Dimensions d) {
        return Geometry.axisAligned(new Spacing(0.8, 0.8, 1.0), new Vector3d(-0.4 * (d.nx() - 1), -0.4 * (d.ny() - 1), -0.5 * (d.nz() - 1)));
    }

    /** {@code labels} ellipsoids (1..255 as uint8, more as uint16) on {@code d} with {@link #geometry}. */
    public static LabelMap generate(Dimensions d, int labels, long seed) {
        Geometry g = geometry(d);
        double sx = 0.8;
        double sz = 1.0;
        double halfX = 0.5 * (d.nx() - 1) * sx;
        double halfY = 0.5 * (d.ny() - 1) * sx;
        double halfZ = 0.5 * (d.nz() - 1) * sz;
        SplittableRandom rnd = new SplittableRandom(seed);
        List<double[]> e = new ArrayList<>();
        for (int l = 1; l <= labels; l++) {
            double a = 6 + 34 * rnd.nextDouble();
            double b = 6 + 34 * rnd.nextDouble();
            double c = 5 + 55 * rnd.nextDouble();
            double t = 2 * Math.PI * rnd.nextDouble();
            double r = Math.sqrt(rnd.nextDouble());
            double cx = 0.75 * halfX * r * Math.cos(t);
            double cy = 0.6 * halfY * r * Math.sin(t);
            double cz = (-0.85 + 1.7 * rnd.nextDouble()) * halfZ;
            e.add(new double[] {cx, cy, cz, a, b, c, l});
        }
        // NB: largest first, so a small structure is never hidden inside a large one
        e.sort((u, v) -> Double.compare(v[3] * v[4] * v[5], u[3] * u[4] * u[5]));
        VoxelType type = labels > 255 ? VoxelType.UINT16 : VoxelType.UINT8;
        Volume.Builder builder = LabelMap.builder(d, type, g).fillMissingWithZeros();
        IntStream.range(0, d.nz()).parallel().forEach(k -> {
            java.nio.Buffer slice = builder.sliceForWriting(k);
            double z = -halfZ + k * sz;
            for (double[] p : e) {
                int l = (int) p[6];
                double dz = (z - p[2]) / p[5];
                if (dz * dz > 1) {
                    continue;
                }
                double s = Math.sqrt(1 - dz * dz);
                double ra = p[3] * s;
                double rb = p[4] * s;
                int j0 = Math.max(0, (int) Math.ceil((p[1] - rb + halfY) / sx));
                int j1 = Math.min(d.ny() - 1, (int) Math.floor((p[1] + rb + halfY) / sx));
                for (int j = j0; j <= j1; j++) {
                    double dy = (-halfY + j * sx - p[1]) / rb;
                    double w = ra * Math.sqrt(Math.max(0, 1 - dy * dy));
                    int i0 = Math.max(0, (int) Math.ceil((p[0] - w + halfX) / sx));
                    int i1 = Math.min(d.nx() - 1, (int) Math.floor((p[0] + w + halfX) / sx));
                    for (int i = i0; i <= i1; i++) {
                        int o = j * d.nx() + i;
                        if (slice instanceof java.nio.ByteBuffer bs) {
                            bs.put(o, (byte) l);
                        } else {
                            ((java.nio.ShortBuffer) slice).put(o, (short) l);
                        }
                    }
                }
            }
        });
        LabelMap drawn = new LabelMap(builder.build(), Map.of());
        Map<Integer, Long> present = drawn.counts();
        Volume.Builder fixed = null;
        for (double[] p : e) {
            int l = (int) p[6];
            if (present.containsKey(l)) {
                continue;
            }
            if (fixed == null) {
                fixed = LabelMap.builder(d, type, g);
                for (int k = 0; k < d.nz(); k++) {
                    Object copy = type.newSlice(d.sliceSize());
                    drawn.labels().copySlice(k, copy);
                    fixed.setSlice(k, copy);
                }
            }
            int ci = (int) Math.round((p[0] + halfX) / sx);
            int cj = (int) Math.round((p[1] + halfY) / sx);
            int ck = (int) Math.round((p[2] + halfZ) / sz);
            for (int k = Math.max(0, ck - 1); k <= Math.min(d.nz() - 1, ck + 1); k++) {
                java.nio.Buffer slice = fixed.sliceForWriting(k);
                for (int j = Math.max(0, cj - 1); j <= Math.min(d.ny() - 1, cj + 1); j++) {
                    for (int i = Math.max(0, ci - 1); i <= Math.min(d.nx() - 1, ci + 1); i++) {
                        if (slice instanceof java.nio.ByteBuffer bs) {
                            bs.put(j * d.nx() + i, (byte) l);
                        } else {
                            ((java.nio.ShortBuffer) slice).put(j * d.nx() + i, (short) l);
                        }
                    }
                }
            }
        }
        Volume voxels = fixed == null ? drawn.labels() : fixed.build();
        Map<Integer, LabelInfo> info = new HashMap<>();
        for (int l = 1; l <= labels; l++) {
            info.put(l, new LabelInfo(l, "structure " + l, LabelInfo.defaultColor(l)));
        }
        return new LabelMap(voxels, info);
    }
}
