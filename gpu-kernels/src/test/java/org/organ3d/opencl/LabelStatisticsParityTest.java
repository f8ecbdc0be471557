package org.organ3d.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.joml.Vector3d;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.organ3d.compute.JavaBackend;
import org.organ3d.compute.LabelStatistics;
import org.organ3d.compute.LabelVoxels;
import org.organ3d.measure.LabelSurfaces;
import org.organ3d.mesh.IsoSurfaceOptions;
import org.organ3d.mesh.Mesh;
import org.organ3d.mesh.MeshProperties;
import org.organ3d.segment.Connectivity;
import org.organ3d.segment.RegionGrowing;
import org.organ3d.segment.ThresholdRange;
import org.organ3d.segment.VoxelIndex;
import org.organ3d.testkit.RequiresDevice;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Rescale;
import org.organ3d.volume.Spacing;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * The parity contract of the passes added for measurement and region growing: the OpenCL backend's
 * multi-label statistics equal the Java backend's exactly (labels, counts, moments, boxes, faces,
 * rows, percentiles; means and standard deviations bit for bit with double precision) for 1, 117 and
 * 5000 labels, requested labels that are absent, labels on every border, uint8 and uint16 label maps
 * and every image type; in several z-slabs and histogram rounds; the batched mesh properties agree to
 * 1e-9; region growing without a leak guard equals the flood. Sizes are kept small (PoCL compiles
 * each program variant once per JVM; the backend and its program cache are shared by the tests).
 */
@Tag("opencl")
@RequiresDevice(value = "opencl", probe = OpenClProbe.class)
class LabelStatisticsParityTest {

    private static OpenClBackend cl;
    private static final JavaBackend JAVA = new JavaBackend();

    @BeforeAll
    static void open() {
        cl = new OpenClBackend();
    }

    @AfterAll
    static void close() {
        if (cl != null) {
            cl.close();
        }
    }

    @AfterEach
    void clear() {
        System.clearProperty(OpenClContext.MAX_ALLOC_PROPERTY);
    }

    /** Labels 1..labels in runs along i, some background; every border voxel labelled somewhere. */
    static LabelMap labels(Dimensions d, int labels, long seed, VoxelType type) {
        SplittableRandom r = new SplittableRandom(seed);
        Volume.Builder b = LabelMap.builder(d, type, Geometry.axisAligned(new Spacing(0.7, 0.8, 1.5), new Vector3d(-3, 2, 5)));
        for (int k = 0; k < d.nz(); k++) {
            java.nio.Buffer s = b.sliceForWriting(k);
            int l = 0;
            for (int x = 0; x < d.sliceSize(); x++) {
                if (x % d.nx() == 0 || r.nextInt(5) == 0) {
                    l = r.nextInt(4) == 0 ? 0 : 1 + r.nextInt(labels);
                }
                if (s instanceof java.nio.ByteBuffer bb) {
                    bb.put(x, (byte) l);
                } else {
                    ((java.nio.ShortBuffer) s).put(x, (short) l);
                }
            }
        }
        return new LabelMap(b.build(), null);
    }

    static Volume image(Dimensions d, VoxelType t, Rescale rs, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Volume.Builder b = Volume.builder(d, t, Geometry.axisAligned(new Spacing(0.7, 0.8, 1.5), new Vector3d(-3, 2, 5))).rescale(rs);
        for (int k = 0; k < d.nz(); k++) {
            java.nio.Buffer s = b.sliceForWriting(k);
            for (int x = 0; x < d.sliceSize(); x++) {
                switch (t) {
                    case UINT8 -> ((java.nio.ByteBuffer) s).put(x, (byte) ((byte) r.nextInt(256)));
                    case INT8 -> ((java.nio.ByteBuffer) s).put(x, (byte) ((byte) (r.nextInt(256) - 128)));
                    case INT16 -> ((java.nio.ShortBuffer) s).put(x, (short) ((short) (r.nextInt(3000) - 1024)));
                    case UINT16 -> ((java.nio.ShortBuffer) s).put(x, (short) ((short) r.nextInt(65536)));
                    case INT32 -> ((java.nio.IntBuffer) s).put(x, (int) (r.nextInt() >> r.nextInt(24)));
                    case FLOAT32 -> ((java.nio.FloatBuffer) s).put(x, (float) (r.nextInt(40) == 0 ? Float.NaN : r.nextInt(9) == 0 ? -0f
                            : (float) (r.nextDouble(-1, 1) * Math.pow(10, r.nextInt(7) - 3))));
                }
            }
        }
        return b.build();
    }

    static void assertSame(LabelStatistics want, LabelStatistics got, String what) {
        assertEquals(want.labels(), got.labels(), what);
        for (int c = 0; c < want.size(); c++) {
            assertEquals(want.voxels(c), got.voxels(c), what + " label " + want.label(c));
            assertEquals(want.intensity(c), got.intensity(c), what + " label " + want.label(c));
            if (want.hasRows()) {
                List<int[]> a = new ArrayList<>();
                List<int[]> b = new ArrayList<>();
                want.forEachRow(c, (k, j, lo, hi) -> a.add(new int[] {k, j, lo, hi}));
                got.forEachRow(c, (k, j, lo, hi) -> b.add(new int[] {k, j, lo, hi}));
                assertEquals(a.size(), b.size(), what + " rows of label " + want.label(c));
                for (int x = 0; x < a.size(); x++) {
                    assertArrayEquals(a.get(x), b.get(x));
                }
            }
        }
    }

    private static LabelStatistics both(LabelMap m, Volume img, LabelStatistics.Options o, String what) {
        LabelStatistics want = JAVA.labelStatistics(m, img, o);
        LabelStatistics got = cl.labelStatistics(m, img, o);
        assertSame(want, got, what);
        return got;
    }

    @Test
    void oneAnd117LabelsEveryImageType() {
        Dimensions d = new Dimensions(37, 29, 13);
        for (VoxelType lt : new VoxelType[] {VoxelType.UINT8, VoxelType.UINT16}) {
            LabelMap one = labels(d, 1, 3, lt);
            LabelMap many = labels(d, 117, 4, lt);
            // NB: every image type with uint16 labels; two with uint8 labels (each pair is one PoCL build).
            VoxelType[] types = lt == VoxelType.UINT16 ? VoxelType.values() : new VoxelType[] {VoxelType.INT16, VoxelType.FLOAT32};
            for (VoxelType t : types) {
                Rescale rs = t == VoxelType.INT16 ? new Rescale(1, -1024) : t == VoxelType.UINT8 ? new Rescale(-2, 7) : Rescale.IDENTITY;
                Volume img = image(d, t, rs, 10 + t.ordinal());
                assertEquals(1, both(one, img, LabelStatistics.Options.all(), lt + " 1 label, " + t).size());
                assertEquals(117, both(many, img, LabelStatistics.Options.all(), lt + " 117 labels, " + t).size());
            }
            both(many, null, LabelStatistics.Options.all(), lt + " no image");
        }
    }

    @Test
    void fiveThousandLabelsAbsentLabelsAndSlabs() {
        Dimensions d = new Dimensions(96, 64, 16);
        LabelMap m = labels(d, 5000, 8, VoxelType.UINT16);
        Volume img = image(d, VoxelType.INT16, new Rescale(1, -1024), 9);
        LabelStatistics all = both(m, img, LabelStatistics.Options.all(), "5000 labels");
        assertTrue(all.size() > 4500, all.size() + " labels");
        LabelStatistics some = both(m, img, new LabelStatistics.Options(Set.of(all.label(0), 65000, 64999, all.label(all.size() - 1)),
                new double[] {0, 0.25, 1}, false), "requested and absent labels");
        assertEquals(2, some.size());
        LabelMap empty = labels(d, 1, 1, VoxelType.UINT8);
        assertEquals(0, both(empty, img, new LabelStatistics.Options(Set.of(7), LabelStatistics.Options.DEFAULT_PERCENTILES, true),
                "no requested label present").size());
        // Several z-slabs (the allocation limit forced down to ~3 slices) and a new context.
        System.setProperty(OpenClContext.MAX_ALLOC_PROPERTY, Long.toString(5L * d.sliceSize() * 2));
        try (OpenClBackend small = new OpenClBackend()) {
            Volume f = image(d, VoxelType.FLOAT32, new Rescale(0.5, 3), 2);
            assertSame(JAVA.labelStatistics(m, f, LabelStatistics.Options.all()),
                    small.labelStatistics(m, f, LabelStatistics.Options.all()), "slabs");
        }
    }

    @Test
    void batchedMeshPropertiesAgreeWithJava() {
        LabelMap m = labels(new Dimensions(30, 26, 12), 5, 12, VoxelType.UINT8);
        List<Mesh> meshes = new ArrayList<>();
        LabelStatistics s = JAVA.labelStatistics(m, null, LabelStatistics.Options.all());
        for (int c = 0; c < s.size(); c++) {
            LabelVoxels v = s.voxels(c);
            Volume ind = LabelSurfaces.indicator(m, v.label(), new int[] {v.iMin(), v.iMax(), v.jMin(), v.jMax(), v.kMin(), v.kMax()});
            meshes.add(JAVA.isosurface(ind, new IsoSurfaceOptions(0.5, false, false)));
        }
        meshes.add(2, Mesh.empty());
        List<MeshProperties> want = JAVA.meshProperties(meshes);
        List<MeshProperties> got = cl.meshProperties(meshes);
        assertEquals(want.size(), got.size());
        for (int q = 0; q < want.size(); q++) {
            MeshProperties a = want.get(q);
            MeshProperties b = got.get(q);
            assertEquals(a.triangles(), b.triangles());
            if (a.triangles() == 0) {
                continue;
            }
            assertEquals(a.volumeMm3(), b.volumeMm3(), 1e-9 * Math.abs(a.volumeMm3()));
            assertEquals(a.areaMm2(), b.areaMm2(), 1e-9 * a.areaMm2());
            assertEquals(a.centroidX(), b.centroidX(), 1e-9 * (1 + Math.abs(a.centroidX())));
            assertEquals(a.centroidY(), b.centroidY(), 1e-9 * (1 + Math.abs(a.centroidY())));
            assertEquals(a.centroidZ(), b.centroidZ(), 1e-9 * (1 + Math.abs(a.centroidZ())));
        }
    }

    @Test
    void regionGrowingWithoutALeakGuardEqualsTheFlood() {
        Volume v = image(new Dimensions(33, 27, 15), VoxelType.INT16, Rescale.IDENTITY, 21);
        List<VoxelIndex> seeds = List.of(new VoxelIndex(3, 4, 5), new VoxelIndex(20, 20, 10), new VoxelIndex(0, 0, 0));
        ThresholdRange r = new ThresholdRange(-700, 900);
        for (Connectivity c : Connectivity.values()) {
            RegionGrowing.Result want = JAVA.connectedThreshold(v, seeds, r, c, RegionGrowing.NO_LIMIT);
            RegionGrowing.Result got = cl.connectedThreshold(v, seeds, r, c, RegionGrowing.NO_LIMIT);
            assertEquals(want.voxels(), got.voxels(), c.toString());
            assertEquals(want.warnings(), got.warnings());
            for (int k = 0; k < v.nz(); k++) {
                byte[] a = new byte[v.dimensions().sliceSize()];
                byte[] b = new byte[a.length];
                want.region().labels().copySlice(k, a);
                got.region().labels().copySlice(k, b);
                assertArrayEquals(a, b, c + " slice " + k);
            }
        }
    }
}
