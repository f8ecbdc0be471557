package org.organ3d.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.io.ImageFormat;
import org.organ3d.io.ImageFormats;
import org.organ3d.testkit.Processes;

/**
 * organ3d as named modules: a small application module is compiled with javac against the built
 * modules and run with {@code java --module-path}: the services are found through {@code uses} and
 * {@code provides} (image formats, the compute backends of core and the OpenCL module), the pipeline
 * reads, meshes and writes; a module that imports an internal package does not compile; and the
 * launcher's {@code --describe-module} lists exactly the API packages of core.
 */
class ModularAppTest {

    /** The packages core exports; {@code org.organ3d.io.raw} is internal. */
    static final Set<String> CORE_EXPORTS = Set.of("org.organ3d.compute", "org.organ3d.filter", "org.organ3d.io", "org.organ3d.io.dicom",
            "org.organ3d.io.dicom.codec", "org.organ3d.io.dicom.rtstruct", "org.organ3d.io.dicom.seg", "org.organ3d.io.dicom.sr", "org.organ3d.io.labels", "org.organ3d.io.metaimage",
            "org.organ3d.io.nifti", "org.organ3d.io.nrrd", "org.organ3d.measure", "org.organ3d.mesh", "org.organ3d.mesh.io",
            "org.organ3d.parallel", "org.organ3d.pipeline", "org.organ3d.screen", "org.organ3d.segment", "org.organ3d.volume");

    static final String APP = """
            package demo.app;

            import java.nio.ShortBuffer;
            import java.nio.file.Path;
            import java.util.List;
            import java.util.Locale;
            import java.util.Map;
            import org.organ3d.compute.ComputeBackend;
            import org.organ3d.compute.ComputeBackends;
            import org.organ3d.io.ImageFormat;
            import org.organ3d.io.ImageFormats;
            import org.organ3d.mesh.IsoSurfaceOptions;
            import org.organ3d.mesh.MeshProperties;
            import org.organ3d.mesh.SurfaceExtraction;
            import org.organ3d.mesh.io.CoordinateSystem;
            import org.organ3d.mesh.io.ExportOptions;
            import org.organ3d.mesh.io.MeshReaders;
            import org.organ3d.mesh.io.NamedMesh;
            import org.organ3d.pipeline.Pipeline;
            import org.organ3d.pipeline.Surfaces;
            import org.organ3d.volume.Dimensions;
            import org.organ3d.volume.Geometry;
            import org.organ3d.volume.Spacing;
            import org.organ3d.volume.Volume;
            import org.organ3d.volume.VoxelType;

            public final class App {
                public static void main(String[] args) throws Exception {
                    Path dir = Path.of(args[0]);
                    int n = 64;
                    double r = 20;
                    Volume.Builder b = Volume.builder(new Dimensions(n, n, n), VoxelType.INT16, Geometry.axisAligned(Spacing.isotropic(1)));
                    double c = (n - 1) / 2.0;
                    for (int k = 0; k < n; k++) {
                        ShortBuffer s = b.shortsForWriting(k);
                        for (int j = 0; j < n; j++) {
                            for (int i = 0; i < n; i++) {
                                double d = Math.sqrt((i - c) * (i - c) + (j - c) * (j - c) + (k - c) * (k - c));
                                s.put(j * n + i, (short) Math.round(1000 * Math.max(0, Math.min(1, r + 0.5 - d))));
                            }
                        }
                    }
                    Path nii = dir.resolve("ball.nii.gz");
                    ImageFormats.write(nii, b.build(), Map.of());
                    System.out.println("formats " + ImageFormats.all().stream().map(ImageFormat::name).sorted().toList());
                    System.out.println("backends " + ComputeBackends.discover().stream().map(ComputeBackend::name).sorted().toList());
                    try (Pipeline p = Pipeline.builder().backend("java").build()) {
                        Surfaces s = p.isosurface(p.readImage(nii).volume(), IsoSurfaceOptions.capped(500),
                                SurfaceExtraction.PostProcessing.NONE);
                        Path glb = dir.resolve("ball.glb");
                        p.writeMeshes(glb, List.of(new NamedMesh(1, "ball", 0xFFFFFFFF, s.surfaces().get(0).mesh())),
                                ExportOptions.in(CoordinateSystem.RAS));
                        double back = MeshProperties.of(MeshReaders.readAll(glb, 0).get(0).mesh()).volumeMm3();
                        System.out.printf(Locale.ROOT, "volume %.3f %.3f%n", s.surfaces().get(0).volumeMm3(), back);
                    }
                }
            }
            """;

    /** The module path: organ3d's modules and their dependencies, from this test's class path. */
    static List<String> modulePath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> out = new ArrayList<>();
        for (String e : cp.split(File.pathSeparator)) {
            String n = e.replace('\\', '/');
            boolean organ3d = n.matches(".*/(core|gpu-kernels)/target/(classes|organ3d-[a-z-]+-[^/]*\\.jar)$");
            boolean dep = n.matches(".*/(joml|jackson-databind|jackson-core|jackson-annotations|jai-imageio-core|jai-imageio-jpeg2000"
                    + "|jocl)-[0-9][^/]*\\.jar$");
            if (organ3d || dep) {
                out.add(e);
            }
        }
        return out;
    }

    private static Processes.Run javac(Path src, Path out, String modulePath) {
        List<String> cmd = new ArrayList<>(List.of(tool("javac"), "--release", "17", "-d", out.toString(), "--module-path",
                modulePath));
        try (var files = Files.walk(src)) {
            files.filter(p -> p.toString().endsWith(".java")).forEach(p -> cmd.add(p.toString()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return Processes.run(cmd, null, Duration.ofMinutes(2));
    }

    private static String tool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    @Test
    void aModularApplicationCompilesAndRunsAgainstTheModules(@TempDir Path dir) throws Exception {
        List<String> mp = modulePath();
        assertEquals(9, mp.size(), "core, opencl and 7 dependencies on the module path: " + mp);
        String modulePath = String.join(File.pathSeparator, mp);

        Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("demo/app"));
        Files.writeString(src.resolve("module-info.java"), "module demo.app {\n    requires org.organ3d.core;\n}\n");
        Files.writeString(src.resolve("demo/app/App.java"), APP);
        Path classes = dir.resolve("classes");
        javac(src, classes, modulePath).assertOk("javac of the application module");

        Processes.Run run = Processes.run(List.of(tool("java"), "-Xmx512m", "--module-path",
                classes + File.pathSeparator + modulePath, "-m", "demo.app/demo.app.App", dir.toString()), null, Map.of(),
                Duration.ofMinutes(2)).assertOk("the application on the module path");
        List<String> lines = run.out().lines().collect(Collectors.toList());
        // the module path finds the same formats as the class path (provides and META-INF/services agree)
        assertEquals("formats " + ImageFormats.all().stream().map(ImageFormat::name).sorted().collect(Collectors.toList()),
                lines.get(0), run.out());
        assertTrue(lines.get(0).contains("nifti") && lines.get(0).contains("dicom-series"), run.out());
        assertEquals("backends [java, opencl]", lines.get(1), "core's and the OpenCL module's providers: " + run.out());
        String[] v = lines.get(2).split(" ");
        double truth = 4.0 / 3 * Math.PI * 20 * 20 * 20;
        assertEquals(truth, Double.parseDouble(v[1]), 0.01 * truth, "capped isosurface of the ball at half its value");
        assertEquals(Double.parseDouble(v[1]), Double.parseDouble(v[2]), 1e-3, "the GLB reads back in LPS");

        // an internal package is not visible to other modules
        Path sneaky = dir.resolve("sneaky");
        Files.createDirectories(sneaky.resolve("demo/sneaky"));
        Files.writeString(sneaky.resolve("module-info.java"), "module demo.sneaky {\n    requires org.organ3d.core;\n}\n");
        Files.writeString(sneaky.resolve("demo/sneaky/S.java"), "package demo.sneaky;\n\npublic final class S {\n"
                + "    static final Class<?> C = org.organ3d.io.raw.VoxelReader.class;\n}\n");
        Processes.Run refused = javac(sneaky, dir.resolve("sneaky-classes"), modulePath);
        assertNotEquals(0, refused.exit(), "importing org.organ3d.io.raw must not compile");
        assertTrue((refused.out() + refused.err()).contains("org.organ3d.io.raw"), refused.out() + refused.err());
        assertTrue((refused.out() + refused.err()).contains("does not export"), refused.out() + refused.err());

        // the module descriptors: core exports its API packages only; the OpenCL module only provides
        Processes.Run core = Processes.run(List.of(tool("java"), "--module-path", modulePath, "--describe-module",
                "org.organ3d.core"), null, Duration.ofMinutes(1)).assertOk("describe core");
        Set<String> exports = new TreeSet<>();
        for (String l : core.out().lines().collect(Collectors.toList())) {
            if (l.startsWith("exports ")) {
                exports.add(l.substring("exports ".length()).strip());
            }
        }
        assertEquals(new TreeSet<>(CORE_EXPORTS), exports, core.out());
        assertTrue(core.out().contains("contains org.organ3d.io.raw"), core.out());
        assertTrue(core.out().contains("uses org.organ3d.compute.ComputeBackend"), core.out());
        Processes.Run gpu = Processes.run(List.of(tool("java"), "--module-path", modulePath, "--describe-module",
                "org.organ3d.opencl"), null, Duration.ofMinutes(1)).assertOk("describe the OpenCL module");
        assertFalse(gpu.out().lines().anyMatch(l -> l.startsWith("exports ")), gpu.out());
        assertTrue(gpu.out().contains("provides org.organ3d.compute.ComputeBackend with org.organ3d.opencl.OpenClBackend"),
                gpu.out());
        assertTrue(gpu.out().toLowerCase(Locale.ROOT).contains("requires jocl"), gpu.out());
    }
}
