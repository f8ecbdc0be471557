package org.organ3d.cli;

/** Bad usage found after parsing (conflicting options, bad values): exit code 2. */
public class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
