package org.organ3d.mesh.io;

import java.util.Objects;

/**
 * How meshes are written.
 *
 * @param coordinates the patient frame of the written coordinates (LPS or RAS, mm); recorded in
 *                    every file's header, comments or extras. glTF files are further mapped to the
 *                    glTF frame (metres, +Y up), see {@link GlbWriter}.
 * @param asciiStl    write STL as ASCII instead of binary
 */
public record ExportOptions(CoordinateSystem coordinates, boolean asciiStl) {

    public ExportOptions {
        Objects.requireNonNull(coordinates, "coordinates");
    }

    /** Binary STL, the given frame. */
    public static ExportOptions in(CoordinateSystem coordinates) {
        return new ExportOptions(coordinates, false);
    }

    public ExportOptions withAsciiStl(boolean ascii) {
        return new ExportOptions(coordinates, ascii);
    }
}
