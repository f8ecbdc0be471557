package org.organ3d.cohort;

import java.nio.file.Path;

/** A plan file that is not a valid plan (docs/cohort.md, "Plan"); the message names the file and the key. */
public final class InvalidPlanException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidPlanException(Path plan, String message) {
        super(plan + ": " + message);
    }
}
