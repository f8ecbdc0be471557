package org.organ3d.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.joml.Vector3d;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.testkit.ExternalTool;
import org.organ3d.testkit.Processes;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.Spacing;
import org.organ3d.volume.Volume;

/**
 * organ3d's flying edges against VTK's vtkFlyingEdges3D + vtkMassProperties on the same volume and iso
 * (benchmarks/scripts/vtk_compare.py, run with /usr/bin/python3). Requires VTK through the testkit
 * switch: skipped with the reason when it is missing, a failure when {@code -Dorgan3d.require} names
 * it (CI); the script runs through {@link Processes#run} (a timeout kills it and fails).
 */
class VtkCrossCheckTest {

    private static final Path SCRIPT = Path.of("..", "benchmarks", "scripts", "vtk_compare.py");

    @TempDir
    Path tmp;

    @Test
    void smoothPhantomMatchesVtk() throws Exception {
        Phantoms.Field ell = Phantoms.ellipsoid(22, 15, 18);
        Phantoms.Field tor = Phantoms.torus(14, 5);
        Phantoms.Field f = (x, y, z) -> Math.max(ell.at(x, y, z), tor.at(x - 6, y + 3, z - 20));
        compare(Phantoms.sample(f, Geometry.axisAligned(new Spacing(0.8, 0.8, 1.5), new Vector3d(-30, -30, -30)), 76, 76, 50), 0.0);
    }

    @Test
    void noisyPhantomWithAmbiguousCubesMatchesVtk() throws Exception {
        Random rnd = new Random(3);
        Phantoms.Field s = Phantoms.sphere(15);
        // noise of 0.4 mm on a distance field makes many ambiguous faces: counts may differ there
        Volume v = Phantoms.sample((x, y, z) -> s.at(x, y, z) + 0.4 * (rnd.nextDouble() - 0.5),
                Geometry.axisAligned(new Spacing(1, 1, 1.2), new Vector3d(-20, -20, -20)), 41, 41, 35);
        compare(v, 0.3);
    }

    private void compare(Volume v, double iso) throws Exception {
        ExternalTool.VTK.require();
        assertTrue(Files.isRegularFile(SCRIPT), "no " + SCRIPT.toAbsolutePath());
        Path raw = tmp.resolve("volume.raw");
        writeRaw(v, raw);
        var s = v.geometry().spacing();
        var o = v.geometry().origin();
        String out = Processes.run(List.of(ExternalTool.PYTHON.toString(), SCRIPT.toString(), raw.toString(),
                "--dims", "" + v.nx(), "" + v.ny(), "" + v.nz(), "--spacing", "" + s.x, "" + s.y, "" + s.z,
                "--origin", "" + o.x, "" + o.y, "" + o.z, "--iso", "" + iso), null, Duration.ofMinutes(2))
                .assertOk("vtk_compare.py").out();
        long vtkTris = (long) number(out, "triangles");
        long vtkVerts = (long) number(out, "vertices");
        double vtkVol = number(out, "volumeMm3");
        double vtkArea = number(out, "areaMm2");

        Mesh m = FlyingEdges.extract(v, IsoSurfaceOptions.open(iso));
        MeshProperties mp = MeshProperties.of(m);
        System.out.printf("VTK cross-check: triangles %d vs VTK %d, vertices %d vs %d, volume %.3f vs %.3f (%+.4f%%),"
                + " area %.3f vs %.3f (%+.4f%%)%n", m.triangleCount(), vtkTris, m.vertexCount(), vtkVerts,
                mp.volumeMm3(), vtkVol, 100 * (mp.volumeMm3() / vtkVol - 1), mp.areaMm2(), vtkArea,
                100 * (mp.areaMm2() / vtkArea - 1));
        assertEquals(vtkTris, m.triangleCount(), 0.01 * vtkTris);
        assertEquals(vtkVol, mp.volumeMm3(), 0.001 * Math.abs(vtkVol));
        assertEquals(vtkArea, mp.areaMm2(), 0.001 * vtkArea);
        assertTrue(MeshTopology.of(m).isWatertight());
    }

    private static double number(String json, String key) {
        Matcher mt = Pattern.compile("\"" + key + "\":\\s*([-0-9.eE+]+)").matcher(json);
        assertTrue(mt.find(), key + " missing in " + json);
        return Double.parseDouble(mt.group(1));
    }

    private static void writeRaw(Volume v, Path file) throws IOException {
        int n = v.nx() * v.ny();
        ByteBuffer bb = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
        float[] buf = new float[n];
        try (var ch = Files.newByteChannel(file, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
            for (int k = 0; k < v.nz(); k++) {
                v.sliceValues(k, buf);
                bb.clear();
                bb.asFloatBuffer().put(buf, 0, n);
                bb.limit(4 * n);
                ch.write(bb);
            }
        }
    }
}
