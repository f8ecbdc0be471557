package org.organ3d.mesh.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.organ3d.testkit.ExternalTool;
import org.organ3d.testkit.Processes;

/**
 * Runs the independent readers (VTK through /usr/bin/python3, the Khronos glTF validator via node)
 * through testkit: each caller first requires the tool ({@link ExternalTool#require()}), and the
 * child runs under {@link Processes#run} (a timeout kills it and fails the test).
 */
final class ExternalTools {

    private ExternalTools() {
    }

    /** The VTK reader script copied to {@code dir}. */
    static Path vtkScript(Path dir) throws IOException {
        Path script = dir.resolve("vtk_read_mesh.py");
        try (InputStream in = ExternalTools.class.getResourceAsStream("vtk_read_mesh.py")) {
            Files.write(script, in.readAllBytes());
        }
        return script;
    }

    /** What VTK read: corner coordinates, cells, normals and colours. */
    record VtkMesh(double[] points, int[][] cells, double[] normals, int[][] colors) {
    }

    static VtkMesh readWithVtk(Path file, Path dir) throws IOException {
        ExternalTool.VTK.require();
        Processes.Run r = Processes.run(List.of(ExternalTool.PYTHON.toString(), vtkScript(dir).toString(), file.toString()), dir,
                Duration.ofMinutes(2)).assertOk("VTK reader script");
        String[] lines = r.out().split("\n");
        int i = 0;
        int n = Integer.parseInt(lines[i++].split(" ")[1]);
        double[] pts = new double[3 * n];
        for (int k = 0; k < n; k++) {
            String[] f = lines[i++].trim().split(" ");
            for (int c = 0; c < 3; c++) {
                pts[3 * k + c] = Double.parseDouble(f[c]);
            }
        }
        int m = Integer.parseInt(lines[i++].split(" ")[1]);
        int[][] cells = new int[m][];
        for (int k = 0; k < m; k++) {
            String[] f = lines[i++].trim().split(" ");
            cells[k] = new int[f.length];
            for (int c = 0; c < f.length; c++) {
                cells[k][c] = Integer.parseInt(f[c]);
            }
        }
        double[] normals = null;
        int[][] colors = null;
        while (i < lines.length && !lines[i].isBlank()) {
            String[] h = lines[i++].split(" ");
            int count = Integer.parseInt(h[1]);
            if (h[0].equals("normals")) {
                normals = new double[3 * count];
                for (int k = 0; k < count; k++) {
                    String[] f = lines[i++].trim().split(" ");
                    for (int c = 0; c < 3; c++) {
                        normals[3 * k + c] = Double.parseDouble(f[c]);
                    }
                }
            } else {
                colors = new int[count][];
                for (int k = 0; k < count; k++) {
                    String[] f = lines[i++].trim().split(" ");
                    colors[k] = new int[f.length];
                    for (int c = 0; c < f.length; c++) {
                        colors[k][c] = Integer.parseInt(f[c]);
                    }
                }
            }
        }
        return new VtkMesh(pts, cells, normals, colors);
    }

    /** The repository root (holds scripts/validate_glb.js), from the module folder tests run in. */
    static Path repositoryRoot() {
        Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("scripts/validate_glb.js"))) {
            p = p.getParent();
        }
        return p;
    }

    /** The Khronos glTF validator's verdict on {@code glb} (exit code and report), after requiring it. */
    static Processes.Run validateGlb(Path glb) {
        ExternalTool.GLTF_VALIDATOR.require();
        Path root = repositoryRoot();
        return Processes.run(List.of("node", root.resolve("scripts/validate_glb.js").toString(), glb.toString()), root,
                Duration.ofMinutes(2));
    }
}
