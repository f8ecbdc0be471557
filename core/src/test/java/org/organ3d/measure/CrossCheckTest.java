package org.organ3d.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.compute.JavaBackend;
import org.organ3d.compute.LabelStatistics;
import org.organ3d.compute.LabelVoxels;
import org.organ3d.mesh.Mesh;
import org.organ3d.testkit.ExternalTool;
import org.organ3d.testkit.Processes;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.LabelInfo;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * organ3d against scikit-image regionprops (voxel counts, centroids) and VTK vtkMassProperties (mesh
 * volume and area of the same surface) on the committed multi-label fixture, through
 * scripts/skimage_measure_check.py, through the testkit requirement switch (skipped with the reason when
 * a module is missing; a failure in CI).
 */
class CrossCheckTest {

    static final Path FIXTURE = Path.of("src/test/resources/org/organ3d/measure");
    static final Path SCRIPT = Path.of("../scripts/skimage_measure_check.py");

    static LabelMap fixture() throws Exception {
        String meta = Files.readString(FIXTURE.resolve("multilabel.json"));
        String numeric = meta.substring(0, meta.indexOf("\"names\""));
        Matcher mt = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?").matcher(numeric);
        List<Double> nums = new ArrayList<>();
        while (mt.find()) {
            nums.add(Double.parseDouble(mt.group()));
        }
        assertEquals(3 + 16, nums.size());
        Dimensions d = new Dimensions(nums.get(0).intValue(), nums.get(1).intValue(), nums.get(2).intValue());
        double[][] rows = new double[4][4];
        for (int x = 0; x < 16; x++) {
            rows[x / 4][x % 4] = nums.get(3 + x);
        }
        byte[] raw = Files.readAllBytes(FIXTURE.resolve("multilabel_u8.raw"));
        assertEquals(d.voxelCount(), raw.length);
        Volume.Builder b = LabelMap.builder(d, VoxelType.UINT8, Geometry.fromRowMajor(rows));
        for (int k = 0; k < d.nz(); k++) {
            byte[] s = new byte[d.sliceSize()];
            System.arraycopy(raw, k * d.sliceSize(), s, 0, d.sliceSize());
            b.setSlice(k, s);
        }
        Map<Integer, LabelInfo> names = new HashMap<>();
        Matcher nm = Pattern.compile("\"(\\d+)\": \"([^\"]*)\"").matcher(meta);
        while (nm.find()) {
            int l = Integer.parseInt(nm.group(1));
            names.put(l, new LabelInfo(l, nm.group(2), 0xffffffff));
        }
        return new LabelMap(b.build(), names);
    }

    @Test
    void voxelCountsAndCentroidsAgreeWithScikitImageRegionprops(@TempDir Path tmp) throws Exception {
        LabelMap map = fixture();
        List<LabelMeasurement> ms = LabelMeasurements.measure(map, null, null, null);
        assertEquals(8, ms.size());
        assertEquals("two blobs", ms.get(6).name());
        Files.writeString(tmp.resolve("report.json"), new Report("fixture", null, ms, List.of()).toJson());
        runScript(tmp.resolve("report.json"), null);
    }

    @Test
    void meshVolumeAndAreaAgreeWithVtkMassPropertiesOnTheSameSurface(@TempDir Path tmp) throws Exception {
        LabelMap map = fixture();
        LabelSurfaces surfaces = LabelSurfaces.indicatorIsoSurface();
        List<LabelMeasurement> ms = LabelMeasurements.measure(map, null, null, surfaces);
        Files.writeString(tmp.resolve("report.json"), new Report("fixture", null, ms, List.of()).toJson());
        Path meshes = Files.createDirectories(tmp.resolve("meshes"));
        LabelStatistics scan = new JavaBackend().labelStatistics(map, null, LabelStatistics.Options.all());
        for (int c = 0; c < scan.size(); c++) {
            LabelVoxels e = scan.voxels(c);
            Mesh mesh = surfaces.extract(map, scan.label(c), new int[] {e.iMin(), e.iMax(), e.jMin(), e.jMax(), e.kMin(), e.kMax()});
            writeMesh(mesh, meshes.resolve("label_" + scan.label(c) + ".txt"));
        }
        runScript(tmp.resolve("report.json"), meshes);
    }

    private static void runScript(Path report, Path meshes) throws Exception {
        ExternalTool.requireAll(ExternalTool.NUMPY, ExternalTool.SCIPY, ExternalTool.SKIMAGE);
        if (meshes != null) {
            ExternalTool.VTK.require();
        }
        List<String> cmd = new ArrayList<>(List.of(ExternalTool.PYTHON.toString(), SCRIPT.toString(), FIXTURE.toString(),
                report.toString()));
        if (meshes != null) {
            cmd.add(meshes.toString());
        }
        System.out.print(Processes.run(cmd, null, Duration.ofMinutes(2)).assertOk("skimage_measure_check.py").out());
    }

    static void writeMesh(Mesh m, Path path) throws Exception {
        StringBuilder sb = new StringBuilder();
        sb.append(m.vertexCount()).append(' ').append(m.triangleCount()).append('\n');
        FloatBuffer v = m.positions();
        for (int x = 0; x < m.vertexCount(); x++) {
            sb.append(v.get(3 * x)).append(' ').append(v.get(3 * x + 1)).append(' ').append(v.get(3 * x + 2)).append('\n');
        }
        IntBuffer t = m.indices();
        for (int x = 0; x < m.triangleCount(); x++) {
            sb.append(t.get(3 * x)).append(' ').append(t.get(3 * x + 1)).append(' ').append(t.get(3 * x + 2)).append('\n');
        }
        Files.writeString(path, sb.toString());
    }
}
