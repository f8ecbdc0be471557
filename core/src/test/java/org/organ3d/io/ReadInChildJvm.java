package org.organ3d.io;

import java.nio.file.Path;

/**
 * Reads one input and prints the outcome on one line (for tests that need a small heap): "read" with
 * the dimensions, or "typed: <class>: <message>" for an IOException; anything else escapes and ends
 * the JVM with a stack trace and exit 1.
 */
public final class ReadInChildJvm {

    private ReadInChildJvm() {
    }

    public static void main(String[] args) throws Exception {
        try {
            System.out.println("read " + ImageFormats.read(Path.of(args[0])).volume().dimensions());
        } catch (java.io.IOException e) {
            System.out.println("typed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
