package org.organ3d.mesh.io;

import java.nio.file.Path;
import java.util.Locale;

/** The mesh file formats organ3d writes, chosen by file extension. */
public enum MeshFormat {
    STL("stl"),
    OBJ("obj"),
    PLY("ply"),
    GLB("glb");

    private final String extension;

    MeshFormat(String extension) {
        this.extension = extension;
    }

    /** Lower-case extension without the dot. */
    public String extension() {
        return extension;
    }

    /**
     * The format of {@code path} by its extension (case-insensitive).
     *
     * @throws IllegalArgumentException for any other extension
     */
    public static MeshFormat of(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        for (MeshFormat f : values()) {
            if (name.endsWith("." + f.extension)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown mesh format (use .stl, .obj, .ply or .glb): " + path);
    }
}
