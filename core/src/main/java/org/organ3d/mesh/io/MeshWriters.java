package org.organ3d.mesh.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Writes organ meshes to a file whose format is given by its extension: {@code .stl} (binary, or
 * ASCII with {@link ExportOptions#asciiStl()}), {@code .obj} (+ {@code .mtl}), {@code .ply} (binary
 * little-endian), {@code .glb} (glTF 2.0). Coordinates are written in the caller's frame (LPS or
 * RAS, mm; glTF further in metres, +Y up, see {@link GlbWriter}) and that frame is recorded in
 * every file. Every file is written atomically (temporary file in the same folder, then an atomic
 * rename), so a failure never leaves a partial file. Stateless, thread-safe (distinct paths).
 *
 * <p>STL holds no names or colours, so several labels go to one STL file per label, named after the
 * given path with the label number added ({@link #stlPathForLabel}: {@code out.stl} → {@code
 * out_label3.stl}).
 */
public final class MeshWriters {

    private MeshWriters() {
    }

    /**
     * Writes {@code meshes} to {@code path} (one STL per label when there are several meshes and the
     * format is STL).
     *
     * @return the paths written
     */
    public static List<Path> write(Path path, List<NamedMesh> meshes, ExportOptions options) throws IOException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(meshes, "meshes");
        Objects.requireNonNull(options, "options");
        return switch (MeshFormat.of(path)) {
            case STL -> meshes.size() <= 1 ? List.of(StlWriter.write(path, meshes, options))
                    : writeStlPerLabel(path, meshes, options);
            case OBJ -> ObjWriter.write(path, meshes, options);
            case PLY -> List.of(PlyWriter.write(path, meshes, options));
            case GLB -> List.of(GlbWriter.write(path, meshes, options));
        };
    }

    /** One STL file per mesh at {@link #stlPathForLabel}; returns the paths in mesh order. */
    public static List<Path> writeStlPerLabel(Path path, List<NamedMesh> meshes, ExportOptions options)
            throws IOException {
        List<Path> out = new ArrayList<>(meshes.size());
        java.util.Set<Path> seen = new java.util.HashSet<>();
        for (NamedMesh m : meshes) {
            Path p = stlPathForLabel(path, m.label());
            if (!seen.add(p)) {
                throw new IllegalArgumentException("two meshes with label " + m.label() + " for " + path);
            }
        }
        for (NamedMesh m : meshes) {
            out.add(StlWriter.write(stlPathForLabel(path, m.label()), List.of(m), options));
        }
        return out;
    }

    /**
     * The per-label STL path: the stem of {@code path} plus {@code _label<N>} and its extension
     * ({@code liver.stl}, 3 → {@code liver_label3.stl}; label 0 → {@code liver_iso.stl}).
     */
    public static Path stlPathForLabel(Path path, int label) {
        String file = path.getFileName().toString();
        int dot = file.lastIndexOf('.');
        String stem = dot > 0 ? file.substring(0, dot) : file;
        String ext = dot > 0 ? file.substring(dot) : ".stl";
        return path.resolveSibling(stem + (label == 0 ? "_iso" : "_label" + label) + ext);
    }
}
