package org.organ3d.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

/**
 * The error line for the operating system's refusals: they name their own file (an output, the
 * temporary file beside it), not the input, and say why even when the exception carries no reason.
 */
class FileSystemFailureTest {

    @Test
    void aRefusalWithoutReasonSaysWhy() {
        assertEquals("/ro/out/.candidates.json.1.tmp: permission denied",
                FailureHandler.describe(new AccessDeniedException("/ro/out/.candidates.json.1.tmp"), "ct/"));
        assertEquals("gone.nii.gz: no such file or folder", FailureHandler.describe(new NoSuchFileException("gone.nii.gz"), "gone.nii.gz"));
    }

    @Test
    void aRefusalWithItsReasonIsKept() {
        assertEquals("/full/x.stl: No space left on device",
                FailureHandler.describe(new FileSystemException("/full/x.stl", null, "No space left on device"), "in.nii"));
    }
}
