package org.organ3d.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.compute.ComputeBackend;
import org.organ3d.io.ImageFormats;
import org.organ3d.io.dicom.DicomSeriesWriter;
import org.organ3d.io.dicom.SeriesInfo;
import org.organ3d.measure.LabelMeasurement;
import org.organ3d.measure.LabelMeasurements;
import org.organ3d.measure.LabelSurfaces;
import org.organ3d.mesh.IsoSurfaceOptions;
import org.organ3d.mesh.Mesh;
import org.organ3d.segment.HuPresets;
import org.organ3d.segment.SegmentationPlan;
import org.organ3d.testdata.phantom.AbdominalPhantom;
import org.organ3d.testdata.phantom.PhantomGenerator;
import org.organ3d.testdata.phantom.PhantomGrid;
import org.organ3d.testdata.phantom.PhantomStudy;
import org.organ3d.testkit.RequiresDevice;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Volume;

/**
 * 16 studies (abdominal phantoms with different noise seeds, stored as DICOM series, NIfTI, NRRD
 * and MetaImage) read, segmented, meshed and measured on 8 threads at once, {@value #ROUNDS} times
 * each, in random order, all through one shared {@link OpenClBackend} (PoCL here): every result must
 * equal, bit for bit, the result of the same study run alone on one thread. What is compared: the
 * label map's voxels, the isosurface's vertices and triangles, the label surfaces, and every number
 * of every label's measurement.
 */
@Tag("opencl")
@RequiresDevice(value = "opencl", probe = OpenClProbe.class)
class ConcurrencyStressTest {

    private static final int STUDIES = 16;
    private static final int THREADS = 8;
    private static final int ROUNDS = 3;
    /** 64×64×40 at 5.6 × 5.6 × 7.5 mm: the whole abdomen, coarsely. */
    private static final PhantomGrid GRID = new PhantomGrid(64, 64, 40, 5.6, 5.6, 7.5);

    @TempDir
    Path tmp;

    @Test
    void sixteenStudiesOnEightThreadsEqualOneThread() throws Exception {
        List<Path> inputs = new ArrayList<>();
        String[] kinds = {"dicom", "nii.gz", "nrrd", "mha"};
        for (int s = 0; s < STUDIES; s++) {
            PhantomStudy st = PhantomGenerator.generate(new AbdominalPhantom(), GRID, 12, 1000 + s);
            String kind = kinds[s % kinds.length];
            Path p = kind.equals("dicom") ? tmp.resolve("study" + s) : tmp.resolve("study" + s + "." + kind);
            if (kind.equals("dicom")) {
                DicomSeriesWriter.writeCtSeries(st.ct(), p, SeriesInfo.ct("Stress^" + s, "S" + s, "stress"));
            } else {
                ImageFormats.write(p, st.ct(), Map.of());
            }
            inputs.add(p);
        }
        try (OpenClBackend cl = new OpenClBackend()) {
            List<String> alone = new ArrayList<>();
            for (Path p : inputs) {
                alone.add(pipeline(p, cl));
            }
            assertEquals(STUDIES, alone.stream().distinct().count(), "every study gives its own result");
            List<Integer> work = new ArrayList<>();
            for (int r = 0; r < ROUNDS; r++) {
                for (int s = 0; s < STUDIES; s++) {
                    work.add(s);
                }
            }
            Collections.shuffle(work, new Random(21));
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<String>> results = new ArrayList<>();
                for (int s : work) {
                    results.add(pool.submit(() -> pipeline(inputs.get(s), cl)));
                }
                for (int i = 0; i < work.size(); i++) {
                    int s = work.get(i);
                    assertEquals(alone.get(s), results.get(i).get(5, TimeUnit.MINUTES),
                            "study " + s + " (" + inputs.get(s).getFileName() + ") run " + i + " of " + work.size());
                }
            } finally {
                pool.shutdownNow();
                assertTrue(pool.awaitTermination(1, TimeUnit.MINUTES));
            }
            System.out.printf("concurrency stress on %s: %d studies x %d rounds on %d threads, identical to one thread%n",
                    cl.device(), STUDIES, ROUNDS, THREADS);
        }
    }

    /** Read, segment (bone preset, largest component), mesh (isosurface at 150 HU, label surfaces), measure. */
    private static String pipeline(Path input, ComputeBackend backend) throws Exception {
        Volume ct = ImageFormats.read(input).volume();
        LabelMap labels = SegmentationPlan.builder().preset(HuPresets.BONE).largest(true).build().run(ct, backend).labels();
        Mesh iso = backend.isosurface(ct, IsoSurfaceOptions.at(150));
        Map<Integer, Mesh> surfaces = backend.labelSurfaces(labels, null);
        List<LabelMeasurement> measured = LabelMeasurements.measure(labels, null, ct,
                LabelSurfaces.indicatorIsoSurface(backend), backend);
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        Volume lv = labels.labels();
        for (int k = 0; k < lv.dimensions().nz(); k++) {
            for (int j = 0; j < lv.dimensions().ny(); j++) {
                for (int i = 0; i < lv.dimensions().nx(); i++) {
                    md.update((byte) lv.raw(i, j, k));
                }
            }
        }
        mesh(md, iso);
        for (Map.Entry<Integer, Mesh> e : new java.util.TreeMap<>(surfaces).entrySet()) {
            md.update(e.getKey().byteValue());
            mesh(md, e.getValue());
        }
        for (LabelMeasurement m : measured) {
            md.update(m.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static void mesh(MessageDigest md, Mesh m) {
        ByteBuffer b = ByteBuffer.allocate(4 * (3 * m.vertexCount() + 3 * m.triangleCount()));
        for (float f : m.positionsCopy()) {
            b.putFloat(f);
        }
        for (int i : m.indicesCopy()) {
            b.putInt(i);
        }
        md.update(b.array());
    }
}
