package org.organ3d.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import org.joml.Vector3d;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.io.ImageFormatException;
import org.organ3d.io.ImageFormats;
import org.organ3d.io.LoadedImage;
import org.organ3d.io.ReadOptions;
import org.organ3d.io.ReadWarning;
import org.organ3d.measure.LabelMeasurement;
import org.organ3d.measure.Report;
import org.organ3d.mesh.IsoSurfaceOptions;
import org.organ3d.mesh.MeshProperties;
import org.organ3d.mesh.SurfaceExtraction.PostProcessing;
import org.organ3d.mesh.io.CoordinateSystem;
import org.organ3d.mesh.io.ExportOptions;
import org.organ3d.mesh.io.MeshReaders;
import org.organ3d.mesh.io.NamedMesh;
import org.organ3d.segment.SegmentationPlan;
import org.organ3d.segment.ThresholdRange;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.LabelInfo;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Rescale;
import org.organ3d.volume.Spacing;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * The facade end to end on a CT of two spheres with analytic truths (volume 4/3 π r³, centre):
 * read → segment → surfaces → measure → export, with and without a thread pool.
 */
class PipelineTest {

    static final double R1 = 20;
    static final double R2 = 12;
    static final Vector3d C1 = new Vector3d(-20, 5, 10);
    static final Vector3d C2 = new Vector3d(30, -10, 0);

    /** 120x100x60 int16 (slope 1, intercept -1024) at 0.8 x 0.9 x 1.5 mm: 700 HU spheres in -1000 HU air. */
    static Volume ct() {
        Dimensions d = new Dimensions(120, 100, 60);
        Geometry g = Geometry.axisAligned(new Spacing(0.8, 0.9, 1.5), new Vector3d(-48, -45, -45));
        Volume.Builder b = Volume.builder(d, VoxelType.INT16, g).rescale(new Rescale(1, -1024));
        Vector3d p = new Vector3d();
        for (int k = 0; k < d.nz(); k++) {
            ShortBuffer s = b.shortsForWriting(k);
            for (int j = 0; j < d.ny(); j++) {
                for (int i = 0; i < d.nx(); i++) {
                    g.indexToPatient(i, j, k, p);
                    boolean in = p.distance(C1) <= R1 || p.distance(C2) <= R2;
                    s.put(j * d.nx() + i, (short) ((short) ((in ? 700 : -1000) + 1024)));
                }
            }
        }
        return b.build();
    }

    @Test
    void readSegmentSurfacesMeasureExportMatchTheAnalyticSpheres(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("ct.nii.gz");
        ImageFormats.write(input, ct(), Map.of());
        ForkJoinPool pool = new ForkJoinPool(2);
        try (Pipeline plain = Pipeline.defaults();
                Pipeline pooled = Pipeline.builder().backend("java").pool(pool).readOptions(ReadOptions.strict()).build()) {
            List<LabelMeasurement> first = null;
            for (Pipeline p : List.of(plain, pooled)) {
                LoadedImage img = p.readImage(input);
                assertTrue(img.warnings().isEmpty(), img.warnings().toString());
                Volume ct = img.volume();
                SegmentationPlan plan = SegmentationPlan.builder().range(new ThresholdRange(-150, 3000)).build();
                SegmentationPlan.Result seg = p.segment(ct, plan);
                assertEquals(2, seg.components());
                LabelMap labels = seg.labels().withInfo(Map.of(1, new LabelInfo(1, "bone", 0xEEEEDDFF)));

                Surfaces iso = p.isosurface(ct, IsoSurfaceOptions.capped(-150), PostProcessing.NONE);
                assertEquals("java", iso.backend());
                double truth = 4.0 / 3 * Math.PI * (R1 * R1 * R1 + R2 * R2 * R2);
                assertEquals(truth, iso.surfaces().get(0).volumeMm3(), 0.01 * truth, "isosurface volume");
                assertTrue(iso.surfaces().get(0).watertight());
                assertEquals(2, iso.surfaces().get(0).components());

                Surfaces nets = p.labelSurfaces(labels, Set.of(), PostProcessing.NONE);
                assertEquals(1, nets.surfaces().size());
                assertEquals(truth, nets.surfaces().get(0).volumeMm3(), 0.03 * truth, "surface-nets volume");

                List<LabelMeasurement> m = p.measure(labels, MeasureOptions.defaults().withImage(ct));
                assertEquals(1, m.size());
                assertEquals("bone", m.get(0).name());
                assertEquals(truth, m.get(0).volumeMm3(), 0.02 * truth, "voxel volume");
                assertEquals(700, m.get(0).intensity().mean(), 1e-9);
                if (first == null) {
                    first = m;
                } else {
                    assertEquals(first, m, "the same numbers on any pool");
                }

                Path glb = dir.resolve("bone.glb");
                List<NamedMesh> named = p.named(nets, labels);
                assertEquals("bone", named.get(0).name());
                assertEquals(List.of(glb), p.writeMeshes(glb, named, ExportOptions.in(CoordinateSystem.RAS)));
                NamedMesh back = MeshReaders.readAll(glb, 0).get(0);
                assertEquals(nets.surfaces().get(0).volumeMm3(), MeshProperties.of(back.mesh()).volumeMm3(),
                        1e-4 * truth, "the GLB reads back in LPS");
                Path seg2 = dir.resolve("labels.nii.gz");
                p.writeLabels(seg2, labels);
                assertEquals("bone", p.readLabels(seg2).info(1).orElseThrow().name());
                p.writeReport(dir.resolve("report.json"), new Report(input.toString(), input.toString(), m, List.of()));
                assertTrue(Files.readString(dir.resolve("report.json")).contains("\"bone\""));
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aLabelMapWhereAnImageIsExpectedIsRefusedOrWarned(@TempDir Path dir) throws Exception {
        LabelMap labels = Pipeline.defaults().segment(ct(), SegmentationPlan.builder().range(new ThresholdRange(0, 3000))
                .build()).labels();
        Path named = dir.resolve("named.nii.gz");
        ImageFormats.write(named, labels.labels(), Map.of(1, new LabelInfo(1, "bone", 0xFFFFFFFF)));
        Path plain = dir.resolve("plain.nii.gz");
        ImageFormats.write(plain, labels.labels(), Map.of());
        Path ctFile = dir.resolve("ct.nii.gz");
        ImageFormats.write(ctFile, ct(), Map.of());
        try (Pipeline p = Pipeline.defaults()) {
            ImageFormatException e = assertThrows(ImageFormatException.class, () -> p.readImage(named));
            assertTrue(e.getMessage().contains("named.nii.gz") && e.getMessage().contains("is a label map"), e.getMessage());
            LoadedImage warned = p.readImage(plain);
            List<ReadWarning> w = warned.warnings(ReadWarning.Kind.LOOKS_LIKE_LABELS);
            assertEquals(1, w.size(), warned.warnings().toString());
            assertTrue(w.get(0).detail().contains("1 distinct"), w.toString());
            assertTrue(p.readImage(ctFile).warnings().isEmpty(), "a CT with negative HU is no label map");
            assertFalse(p.read(plain).warnings().stream().anyMatch(x -> x.kind() == ReadWarning.Kind.LOOKS_LIKE_LABELS),
                    "plain reading does not judge");
        }
    }

    @Test
    void argumentsAreChecked() {
        try (Pipeline p = Pipeline.defaults()) {
            assertThrows(NullPointerException.class, () -> p.read(null));
            assertThrows(NullPointerException.class, () -> p.isosurface(ct(), null, PostProcessing.NONE));
            assertThrows(IllegalArgumentException.class, () -> MeasureOptions.defaults().withLabels(Set.of(0)));
            assertThrows(RuntimeException.class, () -> Pipeline.builder().backend("no-such-backend").build());
        }
    }
    @Test
    void segmentationAndMeasurementRunOnThePipelinesBackend() {
        java.util.concurrent.atomic.AtomicInteger thresholds = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger statistics = new java.util.concurrent.atomic.AtomicInteger();
        org.organ3d.compute.JavaBackend plain = new org.organ3d.compute.JavaBackend();
        org.organ3d.compute.ComputeBackend counting = new org.organ3d.compute.ComputeBackend() {
            @Override
            public String name() {
                return "counting";
            }

            @Override
            public java.util.Optional<String> unavailableReason() {
                return java.util.Optional.empty();
            }

            @Override
            public int autoPriority() {
                return 0;
            }

            @Override
            public org.organ3d.mesh.Mesh isosurface(Volume volume, IsoSurfaceOptions options) {
                return plain.isosurface(volume, options);
            }

            @Override
            public byte[][] threshold(Volume volume, ThresholdRange range) {
                thresholds.incrementAndGet();
                return plain.threshold(volume, range);
            }

            @Override
            public org.organ3d.compute.LabelStatistics labelStatistics(LabelMap map, Volume image,
                    org.organ3d.compute.LabelStatistics.Options options) {
                statistics.incrementAndGet();
                return plain.labelStatistics(map, image, options);
            }
        };
        Volume ct = ct();
        try (Pipeline p = Pipeline.builder().backend(counting).build()) {
            LabelMap bone = p.segment(ct, SegmentationPlan.builder().range(new ThresholdRange(300, 3000)).build()).labels();
            List<LabelMeasurement> m = p.measure(bone, MeasureOptions.defaults().withoutSurfaces().withImage(ct));
            assertEquals(1, m.size());
        }
        assertTrue(thresholds.get() > 0, "the segmentation's threshold ran on the pipeline's backend");
        assertTrue(statistics.get() > 0, "the measurement's label statistics ran on the pipeline's backend");
    }
}
