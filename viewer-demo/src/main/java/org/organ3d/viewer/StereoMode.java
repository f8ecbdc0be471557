package org.organ3d.viewer;

import java.util.Locale;

/** How the two eyes' images reach the screen. */
public enum StereoMode {
    /** One centred camera. */
    OFF("off"),
    /** Red (left eye) / cyan (right eye) with Dubois' least-squares matrices. */
    ANAGLYPH("anaglyph"),
    /** Left eye in the left half, right eye in the right half. */
    SIDE_BY_SIDE("side-by-side"),
    /** Left eye in the top half, right eye in the bottom half. */
    TOP_BOTTOM("top-bottom"),
    /** Alternate window rows: even rows left eye, odd rows right eye (line-polarised displays). */
    INTERLACED("interlaced"),
    /** Quad-buffered: GL_BACK_LEFT / GL_BACK_RIGHT, when the driver grants a stereo framebuffer. */
    QUAD("quad");

    private final String cliName;

    StereoMode(String cliName) {
        this.cliName = cliName;
    }

    /** The name used on the command line ({@code side-by-side} ...). */
    public String cliName() {
        return cliName;
    }

    /** True when two eye images are rendered. */
    public boolean isStereo() {
        return this != OFF;
    }

    /** The next mode in the toggle cycle (QUAD only when {@code quadAvailable}). */
    public StereoMode next(boolean quadAvailable) {
        StereoMode n = values()[(ordinal() + 1) % values().length];
        return n == QUAD && !quadAvailable ? OFF : n;
    }

    /** Parses a command-line name; throws IllegalArgumentException naming the accepted values. */
    public static StereoMode parse(String s) {
        String k = s.trim().toLowerCase(Locale.ROOT);
        for (StereoMode m : values()) {
            if (m.cliName.equals(k)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown stereo mode '" + s
                + "' (expected off|anaglyph|side-by-side|top-bottom|interlaced|quad)");
    }
}
