package org.organ3d.opencl;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the OpenCL ICD loader before JOCL is asked for it, so that OpenCL works where only a driver is
 * installed and nothing native is ever printed on stdout.
 *
 * <p>Why: JOCL's native library opens {@code libOpenCL.so}, a name that on Linux only the
 * development package ({@code ocl-icd-opencl-dev}) provides; a workstation with a GPU driver has the
 * runtime name {@code libOpenCL.so.1}. When the open fails, JOCL's native layer prints
 * {@code Could not load libOpenCL.so ...} with {@code printf} to the process's stdout (not through
 * Java), which would break a command's {@code --json} document. So:
 * <ol>
 * <li>Linux: the loader is looked for as {@code libOpenCL.so.1}, then {@code libOpenCL.so}, in the
 * system property {@value #LIBRARY_PROPERTY} (a file; then nothing else is searched), the folders of
 * {@code java.library.path} and {@code LD_LIBRARY_PATH}, the folders listed in {@code /etc/ld.so.conf}
 * (and its {@code .d} folder) and the standard library folders. The one found is made the answer to
 * {@code dlopen("libOpenCL.so")} by loading a generated {@link ElfStub} (soname {@code libOpenCL.so},
 * depending on the found file) with {@link System#load}; a loader that does not load (missing,
 * damaged, another architecture) is reported here with the linker's reason, and JOCL is never asked.</li>
 * <li>macOS: the OpenCL framework must exist ({@code /System/Library/Frameworks/OpenCL.framework}).</li>
 * <li>Windows: {@code OpenCL.dll} must be in {@code %SystemRoot%\System32} or on {@code PATH}.</li>
 * </ol>
 * When nothing is found, {@link #prepare()} returns the reason and JOCL's class is never initialised,
 * so its native library never runs. After JOCL has loaded, its native log level is set to quiet.
 * Thread-safe; the work is done once per JVM.
 */
public final class OpenClLoader {

    /** System property: the OpenCL ICD loader file to use (e.g. {@code /opt/vendor/lib/libOpenCL.so.1}). */
    public static final String LIBRARY_PROPERTY = "organ3d.opencl.library";

    private static final String[] LINUX_NAMES = {"libOpenCL.so.1", "libOpenCL.so"};

    private static boolean done;
    private static String failure;
    private static Path loaded;

    private OpenClLoader() {
    }

    /**
     * Makes the OpenCL loader available to JOCL (once per JVM).
     *
     * @return empty when JOCL may be used, else why OpenCL cannot be used here
     */
    public static synchronized Optional<String> prepare() {
        if (!done) {
            done = true;
            try {
                failure = find();
            } catch (RuntimeException | LinkageError e) {
                failure = "the OpenCL loader could not be prepared: " + e;
            }
        }
        return Optional.ofNullable(failure);
    }

    /** The ICD loader file made available to JOCL on Linux, or null (other systems, or not found). */
    public static synchronized Path loadedLibrary() {
        return loaded;
    }

    private static String find() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String explicit = System.getProperty(LIBRARY_PROPERTY, "").trim();
        if (os.contains("mac")) {
            Path fw = Path.of("/System/Library/Frameworks/OpenCL.framework/Versions/Current/OpenCL");
            return Files.exists(fw) || Files.exists(fw.getParent()) ? null : "no OpenCL framework at " + fw.getParent();
        }
        if (os.contains("win")) {
            List<Path> dirs = new ArrayList<>();
            String root = System.getenv("SystemRoot");
            if (root != null) {
                dirs.add(Path.of(root, "System32"));
            }
            dirs.addAll(split(System.getenv("PATH")));
            for (Path d : dirs) {
                if (Files.isRegularFile(d.resolve("OpenCL.dll"))) {
                    return null;
                }
            }
            return "no OpenCL.dll in System32 or on PATH: install the GPU vendor's driver (it brings OpenCL.dll)";
        }
        List<Path> candidates = new ArrayList<>();
        if (!explicit.isEmpty()) {
            candidates.add(Path.of(explicit));
        } else {
            for (Path dir : searchDirs()) {
                for (String name : LINUX_NAMES) {
                    candidates.add(dir.resolve(name));
                }
            }
        }
        Path found = null;
        for (Path c : candidates) {
            if (Files.exists(c)) {
                found = c.toAbsolutePath();
                break;
            }
        }
        if (found == null) {
            return explicit.isEmpty()
                    ? "no OpenCL ICD loader (libOpenCL.so.1) in the library path or the system library folders: install "
                        + "the GPU driver or ocl-icd-libopencl1 with an ICD (e.g. pocl-opencl-icd)"
                    : "the OpenCL loader " + explicit + " (-D" + LIBRARY_PROPERTY + ") does not exist";
        }
        int machine = ElfStub.machine();
        if (machine < 0) {
            // NB: no stub for this architecture: JOCL may try only where its own name exists.
            return found.getFileName().toString().equals("libOpenCL.so") ? null
                    : "found " + found + " but JOCL opens libOpenCL.so, which is missing (install ocl-icd-opencl-dev)";
        }
        try {
            Path dir = Files.createTempDirectory("organ3d-opencl");
            Path stub = dir.resolve("libOpenCL.so");
            Files.write(stub, ElfStub.bytes("libOpenCL.so", found.toString(), machine));
            stub.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            System.load(stub.toString());
        } catch (IOException e) {
            return "cannot write the OpenCL loader stub to the temporary folder: " + e.getMessage();
        } catch (UnsatisfiedLinkError e) {
            return "the OpenCL loader " + found + " does not load: " + e.getMessage();
        }
        loaded = found;
        return null;
    }

    /** java.library.path, LD_LIBRARY_PATH, ld.so.conf folders, then the standard folders; no duplicates. */
    static List<Path> searchDirs() {
        Set<Path> dirs = new LinkedHashSet<>();
        dirs.addAll(split(System.getProperty("java.library.path")));
        dirs.addAll(split(System.getenv("LD_LIBRARY_PATH")));
        dirs.addAll(ldSoConf(Path.of("/etc/ld.so.conf"), 0));
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String multiarch = arch.equals("aarch64") || arch.equals("arm64") ? "aarch64-linux-gnu" : "x86_64-linux-gnu";
        for (String d : new String[] {"/usr/local/lib", "/usr/lib/" + multiarch, "/lib/" + multiarch, "/usr/lib64", "/lib64",
            "/usr/lib", "/lib"}) {
            dirs.add(Path.of(d));
        }
        return new ArrayList<>(dirs);
    }

    private static List<Path> split(String list) {
        List<Path> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        for (String s : list.split(java.io.File.pathSeparator)) {
            if (!s.isBlank()) {
                try {
                    out.add(Path.of(s.trim()));
                } catch (java.nio.file.InvalidPathException e) {
                    // NB: a malformed entry is skipped, as the dynamic linker skips it.
                }
            }
        }
        return out;
    }

    /** The folders named in an ld.so.conf file, following its {@code include} lines (globs in one folder). */
    private static List<Path> ldSoConf(Path file, int depth) {
        List<Path> out = new ArrayList<>();
        if (depth > 3 || !Files.isRegularFile(file)) {
            return out;
        }
        try {
            for (String raw : Files.readAllLines(file)) {
                String line = raw.replaceAll("#.*", "").trim();
                if (line.isEmpty()) {
                    continue;
                }
                if (line.startsWith("include ")) {
                    String pattern = line.substring("include ".length()).trim();
                    Path p = Path.of(pattern);
                    Path parent = p.getParent() == null ? Path.of("/etc") : p.getParent();
                    if (!Files.isDirectory(parent)) {
                        continue;
                    }
                    try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent, p.getFileName().toString())) {
                        List<Path> inc = new ArrayList<>();
                        ds.forEach(inc::add);
                        inc.sort(null);
                        for (Path f : inc) {
                            out.addAll(ldSoConf(f, depth + 1));
                        }
                    }
                } else if (line.startsWith("/")) {
                    out.add(Path.of(line.split("\\s+")[0]));
                }
            }
        } catch (IOException | RuntimeException e) {
            return out;
        }
        return out;
    }
}
