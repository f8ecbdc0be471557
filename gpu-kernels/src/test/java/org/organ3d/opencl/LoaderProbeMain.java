package org.organ3d.opencl;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Child-JVM probe for {@link OpenClLoaderTest}: prints (stderr) the loader organ3d chose, the device
 * count or the reason, and the mapped files whose name holds "OpenCL" (from /proc/self/maps).
 */
public final class LoaderProbeMain {
    private LoaderProbeMain() {
    }

    public static void main(String[] args) throws Exception {
        try {
            System.err.println("devices " + OpenClPlatforms.list().size());
        } catch (OpenClUnavailableException e) {
            System.err.println("unavailable " + e.getMessage());
        }
        System.err.println("loader " + OpenClLoader.loadedLibrary());
        for (String l : Files.readAllLines(Path.of("/proc/self/maps"))) {
            int at = l.indexOf('/');
            if (at >= 0 && l.contains("OpenCL")) {
                System.err.println("mapped " + l.substring(at));
            }
        }
    }
}
