package org.organ3d.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The independent tools that tests cross-check organ3d against, each with a probe. A test calls
 * {@link #require()} first: when the tool is missing the test is skipped with the reason printed, or
 * fails when {@code -Dorgan3d.require} names the tool (or says {@code tools}), as CI does. Python
 * tools are imported by {@code /usr/bin/python3} (Debian's packages); node packages are looked for
 * under {@code tools/<package>/node_modules} at the repository root, where {@code .ci/run} installs them.
 */
public enum ExternalTool {
    PYDICOM("pydicom", Kind.PYTHON, "pydicom", "python3-pydicom"),
    NIBABEL("nibabel", Kind.PYTHON, "nibabel", "python3-nibabel"),
    NUMPY("numpy", Kind.PYTHON, "numpy", "python3-numpy"),
    SCIPY("scipy", Kind.PYTHON, "scipy.ndimage", "python3-scipy"),
    SKIMAGE("skimage", Kind.PYTHON, "skimage.measure", "python3-skimage"),
    VTK("vtk", Kind.PYTHON, "vtkmodules.vtkIOPLY", "python3-vtk9"),
    ONNX("onnx", Kind.PYTHON, "onnx", "python3-onnx"),
    DICOMPYLERCORE("dicompylercore", Kind.PYTHON, "dicompylercore.dicomparser", "python3-dicompylercore"),
    GDCM("gdcm", Kind.COMMAND, "gdcmconv", "libgdcm-tools"),
    DCMTK("dcmtk", Kind.COMMAND, "dcmdump", "dcmtk"),
    DICOM3TOOLS("dicom3tools", Kind.COMMAND, "dciodvfy", "dicom3tools"),
    PLASTIMATCH("plastimatch", Kind.COMMAND, "plastimatch", "plastimatch"),
    ORTHANC("orthanc", Kind.COMMAND, "Orthanc", "orthanc orthanc-dicomweb"),
    GZIP("gzip", Kind.COMMAND, "gzip", "gzip"),
    OPENSSL("openssl", Kind.COMMAND, "openssl", "openssl"),
    SOCAT("socat", Kind.COMMAND, "socat", "socat"),
    GLTF_VALIDATOR("gltf-validator", Kind.NODE, "gltf-validator", "npm install --prefix tools/gltf-validator gltf-validator"),
    HYPARQUET("hyparquet", Kind.NODE, "hyparquet", "npm install --prefix tools/hyparquet hyparquet");

    /** How a tool is found. */
    enum Kind {
        PYTHON, COMMAND, NODE
    }

    /** The Python that cross-checks use: Debian's, with Debian's modules. */
    public static final Path PYTHON = Path.of("/usr/bin/python3");

    private static final Map<ExternalTool, Optional<String>> CACHE = new ConcurrentHashMap<>();

    private final String id;
    private final Kind kind;
    private final String probe;
    private final String install;

    ExternalTool(String id, Kind kind, String probe, String install) {
        this.id = id;
        this.kind = kind;
        this.probe = probe;
        this.install = install;
    }

    /** The name used in {@code -Dorgan3d.require}. */
    public String id() {
        return id;
    }

    /** Why the tool cannot be used here, or empty when it can (probed once per JVM). */
    public Optional<String> unavailableReason() {
        return CACHE.computeIfAbsent(this, ExternalTool::probe);
    }

    /**
     * Skips the calling test with the printed reason when the tool is missing, or fails it when the
     * requirement switch names the tool.
     */
    public void require() {
        unavailableReason().ifPresent(why -> Requirements.missing(id, true, caller(), why));
    }

    /** {@link #require()} for several tools. */
    public static void requireAll(ExternalTool... tools) {
        for (ExternalTool t : tools) {
            t.require();
        }
    }

    /** The executable for a {@link Kind#COMMAND} tool, or a command of the same package (e.g. {@code dsrdump}). */
    public Path command(String name) {
        return findOnPath(name).orElseThrow(() -> new IllegalStateException(name + " not on PATH (" + install + ")"));
    }

    /** The folder of a {@link Kind#NODE} package ({@code tools/<package>/node_modules/<package>}). */
    public Path nodePackage() {
        Path root = repositoryRoot();
        if (root == null) {
            throw new IllegalStateException("repository root not found above " + System.getProperty("user.dir"));
        }
        return root.resolve("tools").resolve(probe).resolve("node_modules").resolve(probe);
    }

    /**
     * The repository root (the folder holding {@code .ci/run}), from the module folder tests run in,
     * or null when there is none above it.
     */
    public static Path repositoryRoot() {
        Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (p != null && !Files.isRegularFile(p.resolve(".ci/run"))) {
            p = p.getParent();
        }
        return p;
    }

    private Optional<String> probe() {
        switch (kind) {
            case PYTHON -> {
                if (!Files.isExecutable(PYTHON)) {
                    return Optional.of(PYTHON + " not found");
                }
                Processes.Run r = Processes.run(List.of(PYTHON.toString(), "-c", "import " + probe), null,
                        Duration.ofSeconds(120));
                return r.exit() == 0 ? Optional.empty()
                        : Optional.of("python3 cannot import " + probe + " (apt install " + install + "): "
                                + lastLine(r.err()));
            }
            case COMMAND -> {
                return findOnPath(probe).isPresent() ? Optional.empty()
                        : Optional.of(probe + " not on PATH (apt install " + install + ")");
            }
            case NODE -> {
                if (findOnPath("node").isEmpty()) {
                    return Optional.of("node not on PATH");
                }
                Path root = repositoryRoot();
                if (root == null) {
                    return Optional.of("repository root not found above " + System.getProperty("user.dir"));
                }
                return Files.isDirectory(nodePackage()) ? Optional.empty()
                        : Optional.of(nodePackage() + " missing (" + install + ")");
            }
            default -> throw new AssertionError(kind);
        }
    }

    private static Optional<Path> findOnPath(String name) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)));
        dirs.add("/usr/bin");
        dirs.add("/usr/sbin");
        for (String d : dirs) {
            if (d.isEmpty()) {
                continue;
            }
            Path p = Path.of(d, name);
            if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static String lastLine(String s) {
        String t = s.strip();
        int i = t.lastIndexOf('\n');
        return i < 0 ? t : t.substring(i + 1);
    }

    private static String caller() {
        return StackWalker.getInstance().walk(frames -> frames
                .filter(f -> !f.getClassName().equals(ExternalTool.class.getName()))
                .map(f -> simple(f.getClassName()) + "." + f.getMethodName())
                .findFirst().orElse("test"));
    }

    private static String simple(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
