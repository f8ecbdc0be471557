package org.organ3d.mesh.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the independent readers (VTK through /usr/bin/python3, the Khronos glTF validator via node). */
final class ExternalTools {

    /** Exit code, stdout and stderr of a finished process. */
    record Run(int exit, String out, String err) {
    }

    private ExternalTools() {
    }

    static Run run(List<String> command, Path dir) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        byte[][] streams = new byte[2][];
        Thread errReader = new Thread(() -> {
            try (InputStream in = p.getErrorStream()) {
                streams[1] = in.readAllBytes();
            } catch (IOException e) {
                streams[1] = e.toString().getBytes(StandardCharsets.UTF_8);
            }
        });
        errReader.start();
        try (InputStream in = p.getInputStream()) {
            streams[0] = in.readAllBytes();
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + command);
        }
        errReader.join();
        return new Run(p.exitValue(), new String(streams[0], StandardCharsets.UTF_8),
                new String(streams[1], StandardCharsets.UTF_8));
    }

    /**
     * Skips the calling test with a printed reason when a tool is missing, or fails it when the
     * tool is listed in {@code -Dorgan3d.require} (comma-separated, e.g. {@code vtk,gltf-validator}).
     */
    static void requireOrSkip(String tool, String reason, String test) {
        if (reason == null) {
            return;
        }
        String required = System.getProperty("organ3d.require", "").toLowerCase(java.util.Locale.ROOT);
        if (java.util.Arrays.stream(required.split(",")).map(String::trim).anyMatch(tool::equals)) {
            org.junit.jupiter.api.Assertions.fail(tool + " is required (-Dorgan3d.require) but " + reason);
        }
        System.out.println("SKIP " + test + ": " + reason);
        org.junit.jupiter.api.Assumptions.assumeTrue(false, reason);
    }

    /** Null if python3 with VTK is usable, else the reason to skip. */
    static String vtkUnavailable() {
        Path python = Path.of("/usr/bin/python3");
        if (!Files.isExecutable(python)) {
            return "/usr/bin/python3 not found";
        }
        try {
            Run r = run(List.of(python.toString(), "-c", "import vtkmodules.vtkIOPLY, vtkmodules.vtkIOGeometry"),
                    Path.of("."));
            return r.exit() == 0 ? null : "python3 has no vtk module (apt install python3-vtk9): " + r.err().strip();
        } catch (IOException | InterruptedException e) {
            return "cannot run python3: " + e;
        }
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

    static VtkMesh readWithVtk(Path file, Path dir) throws IOException, InterruptedException {
        Run r = run(List.of("/usr/bin/python3", vtkScript(dir).toString(), file.toString()), dir);
        if (r.exit() != 0) {
            throw new IOException("VTK script failed (" + r.exit() + "): " + r.err());
        }
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

    /** Null if node and the glTF validator are installed, else the reason to skip. */
    static String validatorUnavailable() {
        Path root = repositoryRoot();
        if (root == null) {
            return "scripts/validate_glb.js not found above " + System.getProperty("user.dir");
        }
        if (!Files.isDirectory(root.resolve("tools/gltf-validator/node_modules/gltf-validator"))) {
            return "glTF validator not installed (npm install --prefix tools/gltf-validator gltf-validator)";
        }
        try {
            Run r = run(List.of("node", "--version"), root);
            return r.exit() == 0 ? null : "node does not run: " + r.err();
        } catch (IOException | InterruptedException e) {
            return "node not found: " + e.getMessage();
        }
    }

    static Run validateGlb(Path glb) throws IOException, InterruptedException {
        Path root = repositoryRoot();
        List<String> cmd = new ArrayList<>(List.of("node", root.resolve("scripts/validate_glb.js").toString(),
                glb.toString()));
        return run(cmd, root);
    }
}
