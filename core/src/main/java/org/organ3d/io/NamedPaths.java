package org.organ3d.io;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * File names read from inside files (the data file of a detached NRRD or MetaImage header, the
 * references of a DICOMDIR), resolved without letting a malformed name (a NUL byte, a character the
 * file system refuses) escape as an unchecked exception, and kept below the folder of the file that
 * names them unless the caller allows otherwise ({@link ReadOptions#dataFilesOutsideFolder()}): a
 * crafted header could otherwise read any file the process can read as voxels (the system password
 * file, process status files), which a cohort job or a PACS push would then carry onward.
 *
 * <p>The check is lexical: an absolute name, a name with a root or drive, or one whose {@code ..}
 * steps climb above the folder is refused; symbolic links inside the folder are followed (whoever
 * can place a link there can place the data too).
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

    /**
     * Why {@code name} does not name a file below {@code dir} (in words, to follow the name in a
     * message), or null when it does.
     */
    public static String outside(Path dir, String name) {
        Path p;
        try {
            p = dir.getFileSystem().getPath(name);
        } catch (InvalidPathException e) {
            return "is not a valid file name";
        }
        if (p.isAbsolute() || p.getRoot() != null) {
            return "is an absolute path (outside the header's folder)";
        }
        Path base = dir.toAbsolutePath().normalize();
        if (!base.resolve(p).normalize().startsWith(base)) {
            return "leads out of the header's folder";
        }
        return null;
    }
}
