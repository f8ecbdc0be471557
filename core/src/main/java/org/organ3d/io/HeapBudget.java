package org.organ3d.io;

import java.util.Locale;

/**
 * Whether this JVM's heap can still take an allocation that a header asks for, checked before the
 * first byte of it is allocated: a hostile or merely huge header then gives a typed error naming
 * the file instead of an {@link OutOfMemoryError} part-way through (which could hit any thread of
 * the process). Readers call it with the bytes of the whole volume they are about to build.
 *
 * <p>Free heap is {@code maxMemory − (totalMemory − freeMemory)}; as that counts garbage as used, a
 * request that does not fit first triggers one full collection and is measured again, so a heap
 * full of garbage does not refuse a read that would succeed. Thread-safe; a concurrent allocation
 * elsewhere can still make a request that fitted fail later.
 */
public final class HeapBudget {

    private HeapBudget() {
    }

    /**
     * Null if {@code bytes} fit into the free heap, else why not, in words: "{@code what} needs X MiB
     * but only Y MiB of Java heap are free (raise -Xmx ...)".
     */
    public static String shortfall(long bytes, String what) {
        long free = free();
        if (bytes <= free) {
            return null;
        }
        // NB: one collection before refusing: the estimate counts unreachable objects as used
        System.gc();
        free = free();
        if (bytes <= free) {
            return null;
        }
        return String.format(Locale.ROOT, "%s needs %.1f MiB but only %.1f MiB of Java heap are free"
                + " (raise -Xmx, e.g. ORGAN3D_JAVA_OPTS=-Xmx16g)", what, bytes / 1048576.0, free / 1048576.0);
    }

    private static long free() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }
}
