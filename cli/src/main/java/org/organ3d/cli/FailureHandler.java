package org.organ3d.cli;

import picocli.CommandLine;

/**
 * Turns an exception from a command into one error line on stderr and exit code 1 (2 for
 * {@link UsageException}). The stack trace is printed only with {@code -Dorgan3d.debug=true}.
 */
final class FailureHandler implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        String msg = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        cl.getErr().println("organ3d " + cl.getCommandName() + ": " + (ex instanceof UsageException ? "" : "error: ") + msg);
        if (Boolean.getBoolean("organ3d.debug")) {
            ex.printStackTrace(cl.getErr());
        }
        cl.getErr().flush();
        return ex instanceof UsageException ? ExitCodes.USAGE : ExitCodes.FAILURE;
    }
}
