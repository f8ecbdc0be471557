package org.organ3d.mesh.io;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The mesh file formats organ3d reads and writes, chosen by file extension. */
public enum MeshFormat {
    STL("stl", false),
    OBJ("obj", true),
    PLY("ply", true),
    GLB("glb", true);

    private final String extension;
    private final boolean vertexNormals;

    MeshFormat(String extension, boolean vertexNormals) {
        this.extension = extension;
        this.vertexNormals = vertexNormals;
    }

    /**
     * True when the format stores per-vertex normals (OBJ, PLY, GLB); STL stores only facet normals,
     * which its writer computes from the positions, so a mesh meant for STL needs none.
     */
    public boolean storesVertexNormals() {
        return vertexNormals;
    }

    /** Lower-case extension without the dot. */
    public String extension() {
        return extension;
    }

    /** The format of {@code path} by its extension (case-insensitive), or empty for any other name. */
    public static Optional<MeshFormat> find(Path path) {
        Path name = path.getFileName();
        if (name == null) {
            return Optional.empty();
        }
        String n = name.toString().toLowerCase(Locale.ROOT);
        for (MeshFormat f : values()) {
            if (n.endsWith("." + f.extension)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /**
     * The format of {@code path} by its extension (case-insensitive).
     *
     * @throws MeshFormatException for any other extension (the message lists the known ones)
     */
    public static MeshFormat of(Path path) throws MeshFormatException {
        return find(path).orElseThrow(() -> new MeshFormatException(path, -1,
                "unknown mesh format (use .stl, .obj, .ply or .glb)"));
    }
}
