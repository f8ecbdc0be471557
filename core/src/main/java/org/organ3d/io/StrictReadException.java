package org.organ3d.io;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A read refused by {@link ReadOptions}: the input has irregularities (gaps, uneven spacing, mixed
 * orientation, unreadable slices ...) that a lenient read only warns about. The message names the
 * input and every refused irregularity; {@link #refused()} gives them typed.
 */
public final class StrictReadException extends ImageFormatException {
    private static final long serialVersionUID = 1L;

    private final transient List<ReadWarning> refused;

    /**
     * @param source  the file or folder read
     * @param refused the irregularities refused, at least one
     */
    public StrictReadException(Path source, List<ReadWarning> refused) {
        super(source, -1, "refused by strict reading: " + refused.stream().map(w -> w.messageFor(source))
                .collect(Collectors.joining("; ")));
        if (refused.isEmpty()) {
            throw new IllegalArgumentException("no refused warning");
        }
        this.refused = List.copyOf(refused);
    }

    /** The irregularities that were refused, in the order found. */
    public List<ReadWarning> refused() {
        return refused;
    }
}
