package org.organ3d.testkit;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The one requirement switch of the test suites: the system property {@code organ3d.require}, a
 * comma-separated list of devices ({@code opencl}, {@code gl}) and external tools ({@code vtk},
 * {@code pydicom}, ... see {@link ExternalTool}), or {@code tools} for every external tool. CI sets
 * {@code -Dorgan3d.require=opencl,gl,tools}.
 *
 * <p>A test whose device or tool is missing is skipped with its reason printed on stdout, unless the
 * switch names it: then it fails with the reason. Nothing is ever skipped silently.
 */
public final class Requirements {

    /** System property naming what must be present. */
    public static final String PROPERTY = "organ3d.require";

    /** The word in {@link #PROPERTY} that requires every {@link ExternalTool}. */
    public static final String ALL_TOOLS = "tools";

    private Requirements() {
    }

    /** The names listed in {@link #PROPERTY}, lower-case. */
    public static Set<String> required() {
        String p = System.getProperty(PROPERTY, "");
        return Arrays.stream(p.split(","))
                .map(s -> s.trim().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
    }

    /** True when the switch names this device or tool (tools also through {@link #ALL_TOOLS}). */
    public static boolean isRequired(String name, boolean isTool) {
        Set<String> r = required();
        return r.contains(name.toLowerCase(Locale.ROOT)) || (isTool && r.contains(ALL_TOOLS));
    }

    /**
     * Skips the running test with {@code why} printed ({@code SKIPPED [name] test: why}), or fails it
     * when the switch requires {@code name}.
     */
    public static void missing(String name, boolean isTool, String test, String why) {
        String msg = "[" + name + "] " + test + ": " + (isTool ? "tool" : "device") + " unavailable: " + why;
        if (isRequired(name, isTool)) {
            Assertions.fail(msg + " (required by -D" + PROPERTY + ")");
        }
        System.out.println("SKIPPED " + msg);
        Assumptions.abort(msg);
    }
}
