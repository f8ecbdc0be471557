package org.organ3d.cohort;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.organ3d.compute.ComputeBackend;
import org.organ3d.compute.ComputeBackends;

/**
 * What the tasks of one executor JVM share: one compute backend per name, selected on first use by
 * the compute backends' rule ({@code auto}: OpenCL where this executor has a device, else Java; a
 * device pass that fails falls back to Java with one note), so a cluster of mixed nodes uses each
 * node's best. Notices go to the executor's stderr as single lines {@code organ3d cohort: note: ...}.
 * The backends are thread-safe and live as long as the JVM (in local mode the driver closes them when
 * the job ends). Thread-safe.
 */
final class ExecutorResources {

    private static final Map<String, ComputeBackend> BACKENDS = new ConcurrentHashMap<>();

    private ExecutorResources() {
    }

    /**
     * The executor's backend called {@code name}.
     *
     * @throws org.organ3d.compute.BackendUnavailableException when a named backend cannot run here
     */
    static ComputeBackend backend(String name) {
        return BACKENDS.computeIfAbsent(name, n -> ComputeBackends.select(n, msg -> {
            // NB: one line, whatever the message holds (a driver's error text may span lines)
            System.err.println("organ3d cohort: note: " + msg.replaceAll("\\s*\\R\\s*", " "));
            System.err.flush();
        }));
    }

    /** Closes and forgets every backend of this JVM (the driver calls it after a local-mode job). */
    static void closeAll() {
        for (String n : BACKENDS.keySet()) {
            ComputeBackend b = BACKENDS.remove(n);
            if (b != null) {
                b.close();
            }
        }
    }
}
