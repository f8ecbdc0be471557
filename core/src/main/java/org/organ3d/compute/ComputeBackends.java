package org.organ3d.compute;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Consumer;

/**
 * Finds {@link ComputeBackend}s with {@link ServiceLoader} and selects one by name or {@code auto}.
 *
 * <p>{@code auto} takes the available backend with the highest {@link ComputeBackend#autoPriority()};
 * every backend that was passed over because it is unavailable is logged (logger
 * {@code org.organ3d.compute}, level INFO) with its reason, so a fallback is never silent. A non-Java
 * backend chosen by {@code auto} is returned wrapped in a {@link FallbackBackend}: a pass that fails on
 * it at run time (kernel build failure, out of device memory, lost device) runs on the Java backend
 * instead, with one warning. Asking for a backend by name that is unavailable throws
 * {@link BackendUnavailableException} with the reason, and a backend asked for by name is returned
 * bare: its run-time failures propagate (an explicit {@code --backend opencl} fails with the reason).
 */
public final class ComputeBackends {

    private static final System.Logger LOG = System.getLogger("org.organ3d.compute");

    private ComputeBackends() {
    }

    /** Every backend found on the class path (the Java backend always among them), in load order. */
    public static List<ComputeBackend> discover() {
        List<ComputeBackend> list = new ArrayList<>();
        boolean haveJava = false;
        ServiceLoader<ComputeBackend> loader = ServiceLoader.load(ComputeBackend.class, ComputeBackends.class.getClassLoader());
        var it = loader.iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                ComputeBackend b = it.next();
                haveJava |= JavaBackend.NAME.equals(b.name());
                list.add(b);
            } catch (ServiceConfigurationError | LinkageError e) {
                LOG.log(Level.WARNING, "a compute backend could not be loaded and is ignored: " + e.getMessage());
            }
        }
        if (!haveJava) {
            list.add(0, new JavaBackend());
        }
        return list;
    }

    /**
     * The backend called {@code name} ({@code java}, {@code opencl}, ...) or the best available for
     * {@code auto} (also for null or empty).
     *
     * @throws BackendUnavailableException when a named backend is missing or cannot run here
     */
    public static ComputeBackend select(String name) {
        return select(name, null);
    }

    /**
     * As {@link #select(String)}, with the notices (an {@code auto} choice that passed over an
     * unavailable backend; a pass that fell back to Java at run time) sent as single lines to
     * {@code notices} instead of the logger {@code org.organ3d.compute} (null: the logger). The CLI
     * prints them as {@code organ3d <command>: note: ...}.
     *
     * @throws BackendUnavailableException when a named backend is missing or cannot run here
     */
    public static ComputeBackend select(String name, Consumer<String> notices) {
        String want = name == null || name.isBlank() ? "auto" : name.trim().toLowerCase(Locale.ROOT);
        List<ComputeBackend> all = discover();
        if (!"auto".equals(want)) {
            for (ComputeBackend b : all) {
                if (b.name().equals(want)) {
                    var why = b.unavailableReason();
                    if (why.isPresent()) {
                        throw new BackendUnavailableException("compute backend '" + want + "' is unavailable: " + why.get());
                    }
                    return b;
                }
            }
            throw new BackendUnavailableException("no compute backend named '" + want + "' (known: "
                    + all.stream().map(ComputeBackend::name).toList() + ")");
        }
        ComputeBackend best = null;
        List<String> skipped = new ArrayList<>();
        for (ComputeBackend b : all) {
            var why = b.unavailableReason();
            if (why.isPresent()) {
                skipped.add(b.name() + " is unavailable (" + why.get() + ")");
                continue;
            }
            if (best == null || b.autoPriority() > best.autoPriority()) {
                best = b;
            }
        }
        if (best == null) {
            best = new JavaBackend();
        }
        if (!skipped.isEmpty()) {
            String msg = "using the " + best.name() + " backend: " + String.join("; ", skipped);
            if (notices != null) {
                notices.accept(msg);
            } else {
                LOG.log(Level.INFO, "compute backend auto: " + msg);
            }
        }
        for (ComputeBackend b : all) {
            if (b != best) {
                b.close();
            }
        }
        return withFallback(best, notices);
    }

    /** {@code backend} itself when it is the Java backend, else wrapped to fall back to Java on failure. */
    public static ComputeBackend withFallback(ComputeBackend backend) {
        return withFallback(backend, null);
    }

    /** As {@link #withFallback(ComputeBackend)}, the fallback warnings sent to {@code notices} (null: the logger). */
    public static ComputeBackend withFallback(ComputeBackend backend, Consumer<String> notices) {
        if (backend instanceof JavaBackend || backend instanceof FallbackBackend) {
            return backend;
        }
        return new FallbackBackend(backend, new JavaBackend(), notices);
    }

    /**
     * The name of the backend that actually ran the passes so far: a {@link FallbackBackend}'s
     * {@link FallbackBackend#ranOn()}, else the backend's own name. For the {@code backend} key of the
     * commands' JSON.
     */
    public static String ranOn(ComputeBackend backend) {
        return backend instanceof FallbackBackend f ? f.ranOn() : backend.name();
    }
}
