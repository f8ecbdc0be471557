package org.organ3d.io.nifti;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.joml.Matrix4d;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.io.ImageFormats;
import org.organ3d.io.raw.TestVolumes;
import org.organ3d.testkit.ExternalTool;
import org.organ3d.testkit.Processes;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.Rescale;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * Files organ3d writes are read by nibabel (an independent implementation) to the same affine and
 * voxels: runs {@code scripts/nibabel_check.py} with {@code /usr/bin/python3} through the testkit
 * requirement switch (skipped with the reason when nibabel is missing; a failure in CI).
 */
class NibabelCheckTest {

    @TempDir
    Path dir;

    @Test
    void nibabelReadsWhatOrgan3dWrites() throws Exception {
        Path script = findScript();
        ExternalTool.requireAll(ExternalTool.NUMPY, ExternalTool.NIBABEL);
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(ExternalTool.PYTHON.toString(), script.toString(),
                "--tol-mm", "1e-4"));
        int n = 0;
        for (VoxelType t : VoxelType.values()) {
            for (String ext : new String[] {".nii", ".nii.gz"}) {
                Geometry g = n % 3 == 2 ? TestVolumes.sheared() : n % 3 == 1 ? TestVolumes.leftHanded() : TestVolumes.oblique();
                Volume v = TestVolumes.random(new Dimensions(7, 6, 5), t, g, n);
                if (t == VoxelType.INT16 && ext.equals(".nii")) {
                    v = v.withRescale(new Rescale(0.5, -1024));
                }
                Path f = dir.resolve("check_" + t.label() + ext);
                ImageFormats.write(f, v, Map.of());
                Path json = dir.resolve("check_" + t.label() + ext + ".json");
                Files.writeString(json, expected(v), StandardCharsets.UTF_8);
                cmd.add(f.toString());
                cmd.add(json.toString());
                n++;
            }
        }
        String out = Processes.run(cmd, dir, Duration.ofMinutes(2)).assertOk("nibabel_check.py").out();
        System.out.print(out);
        assertEquals(n, out.lines().filter(l -> l.contains(" OK ")).count(), out);
    }

    static Path findScript() throws IOException {
        Path d = Path.of("").toAbsolutePath();
        while (d != null) {
            Path s = d.resolve("scripts/nibabel_check.py");
            if (Files.isRegularFile(s)) {
                return s;
            }
            d = d.getParent();
        }
        throw new IOException("scripts/nibabel_check.py not found above " + Path.of("").toAbsolutePath());
    }

    static String expected(Volume v) {
        StringBuilder b = new StringBuilder("{\"affine_ras\": [");
        Matrix4d ras = v.geometry().indexToRas();
        for (int r = 0; r < 4; r++) {
            b.append(r > 0 ? ", [" : "[");
            for (int c = 0; c < 4; c++) {
                b.append(c > 0 ? ", " : "").append(ras.getRowColumn(r, c));
            }
            b.append(']');
        }
        b.append("], \"shape\": [").append(v.nx()).append(", ").append(v.ny()).append(", ").append(v.nz()).append("], ");
        b.append("\"dtype\": \"").append(v.type().label()).append("\", \"values\": [");
        for (int k = 0; k < v.nz(); k++) {
            for (int j = 0; j < v.ny(); j++) {
                for (int i = 0; i < v.nx(); i++) {
                    b.append(k + j + i > 0 ? "," : "").append(String.format(Locale.ROOT, "%.9g", v.value(i, j, k)));
                }
            }
        }
        return b.append("]}").toString();
    }
}
