package org.organ3d.io;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * File names read from inside files (the data file of a detached NRRD or MetaImage header, the
 * references of a DICOMDIR), resolved without letting a malformed name (a NUL byte, a character the
 * file system refuses) escape as an unchecked exception.
 */
public final class NamedPaths {

    private NamedPaths() {
    }

    /** {@code name} resolved against {@code dir}, or null when it is not a valid path here. */
    public static Path resolve(Path dir, String name) {
        try {
            return dir.resolve(name);
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
