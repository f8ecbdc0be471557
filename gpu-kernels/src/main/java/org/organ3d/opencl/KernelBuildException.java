package org.organ3d.opencl;

import org.jocl.CL;

/** An OpenCL program did not build; {@link #buildLog()} holds the compiler's log. */
public class KernelBuildException extends OpenClException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final String options;
    private final String buildLog;

    public KernelBuildException(String source, String options, String buildLog, Throwable cause) {
        super("OpenCL program '" + source + "' failed to build (options '" + options + "'): " + firstLines(buildLog),
                CL.CL_BUILD_PROGRAM_FAILURE, cause);
        this.source = source;
        this.options = options;
        this.buildLog = buildLog;
    }

    /** The resource name of the program's source, e.g. {@code threshold.cl}. */
    public String sourceName() {
        return source;
    }

    /** The build options used. */
    public String options() {
        return options;
    }

    /** The full build log of the device compiler. */
    public String buildLog() {
        return buildLog;
    }

    private static String firstLines(String log) {
        String t = log == null ? "" : log.strip();
        String[] lines = t.split("\\R");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(3, lines.length); i++) {
            sb.append(i > 0 ? " | " : "").append(lines[i].strip());
        }
        return sb.length() == 0 ? "(empty build log)" : sb.toString();
    }
}
