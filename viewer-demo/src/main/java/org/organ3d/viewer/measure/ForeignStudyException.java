package org.organ3d.viewer.measure;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A measurement file that belongs to another study than the one on display ({@link StudyReference}
 * rule); loading it anyway needs an explicit force.
 */
public final class ForeignStudyException extends IOException {

    private final transient Path file;

    public ForeignStudyException(Path file, String reason) {
        super(file.getFileName() + ": measurements " + reason);
        this.file = file;
    }

    /** The measurement file. */
    public Path file() {
        return file;
    }
}
