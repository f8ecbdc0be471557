package org.organ3d.cli;

/** Exit codes of the organ3d command (shared/CONTRACT.md). */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** Failure: one error line on stderr names the file and the cause. */
    public static final int FAILURE = 1;
    /** Bad usage. */
    public static final int USAGE = 2;

    private ExitCodes() {
    }
}
