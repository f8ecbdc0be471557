package org.organ3d.mesh.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.organ3d.io.HeapBudget;
import org.organ3d.mesh.Mesh;
import org.organ3d.mesh.VertexNormals;

/**
 * Reads surface files: STL (binary and ASCII), PLY (ascii, binary little and big endian; triangles
 * and polygons, fan-triangulated), OBJ (v and f records; polygons fan-triangulated, negative indices
 * allowed) and binary glTF (one mesh per node, with names and material colours: see
 * {@link GlbReader}). The counterpart of {@link MeshWriters}.
 *
 * <p><b>Frame.</b> STL, PLY and OBJ coordinates are taken as LPS mm, which is what organ3d's
 * exporters write by default (a file exported in RAS reads mirrored in x and y: turn it back with
 * {@link #rasToLps}); a GLB from organ3d records its frame and is returned in LPS mm.
 *
 * <p><b>Normals and colours.</b> Colours of STL/PLY/OBJ and all normals in the files are ignored:
 * normals are recomputed (area-weighted) after STL vertices are welded (identical float positions
 * become one vertex).
 *
 * <p><b>Safety.</b> Every count read from a binary header is checked against the bytes that remain
 * before anything is allocated. Files are read whole into memory (at most {@value #MAX_FILE_BYTES}
 * bytes). Malformed content gives a {@link MeshFormatException} naming the file, the byte offset or
 * line, and the cause. Stateless, thread-safe.
 */
public final class MeshReaders {

    /** The largest file read (bytes): one Java array. */
    public static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 8;

    private MeshReaders() {
    }

    /** True for the extensions this reader handles (.stl, .ply, .obj, .glb; case-insensitive). */
    public static boolean isMeshFile(Path p) {
        return MeshFormat.find(p).isPresent();
    }

    /** True for binary glTF (.glb), whose files carry several named, coloured meshes and their frame. */
    public static boolean isGlb(Path p) {
        return MeshFormat.find(p).orElse(null) == MeshFormat.GLB;
    }

    /**
     * Every surface of a mesh file: the meshes of a GLB (named and coloured from the file;
     * {@code rgba} for those without a material), or the one surface of any other file (label 0).
     *
     * @param rgba colour (0xRRGGBBAA) of surfaces whose file gives none
     * @throws MeshFormatException when the extension is unknown or the content is malformed (file,
     *                             offset or line, cause)
     */
    public static List<NamedMesh> readAll(Path file, int rgba) throws IOException {
        Objects.requireNonNull(file, "file");
        if (MeshFormat.of(file) != MeshFormat.GLB) {
            return List.of(read(file, 0, rgba));
        }
        List<NamedMesh> out = new ArrayList<>();
        for (NamedMesh m : GlbReader.read(file, bytes(file), rgba)) {
            out.add(new NamedMesh(m.label(), m.name(), m.rgba(), withNormals(m.mesh())));
        }
        return out;
    }

    /**
     * Reads the one surface of an STL, PLY or OBJ file; the name is the file name without extension.
     *
     * @param label label number given to the surface (0 for none)
     * @param rgba  colour (0xRRGGBBAA) given to the surface
     * @throws MeshFormatException when the extension is not .stl, .ply or .obj (a GLB holds several
     *                             surfaces: {@link #readAll}), or the content is malformed or has
     *                             no triangles
     */
    public static NamedMesh read(Path file, int label, int rgba) throws IOException {
        Objects.requireNonNull(file, "file");
        MeshFormat format = MeshFormat.of(file);
        if (format == MeshFormat.GLB) {
            throw new MeshFormatException(file, -1, "a GLB holds several surfaces: read it with readAll");
        }
        byte[] bytes = bytes(file);
        Mesh mesh = switch (format) {
            case STL -> StlReader.read(file, bytes);
            case PLY -> PlyReader.read(file, bytes);
            case OBJ -> ObjReader.read(file, bytes);
            case GLB -> throw new AssertionError();
        };
        if (mesh.triangleCount() == 0) {
            throw new MeshFormatException(file, -1, "no triangles");
        }
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return new NamedMesh(label, dot > 0 ? n.substring(0, dot) : n, rgba, withNormals(mesh));
    }

    private static byte[] bytes(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new MeshFormatException(file, -1, "file of " + size + " bytes is larger than the "
                    + MAX_FILE_BYTES + " bytes this reader holds in memory");
        }
        String why = HeapBudget.shortfall(size, "reading the file whole");
        if (why != null) {
            throw new MeshFormatException(file, -1, why);
        }
        return Files.readAllBytes(file);
    }

    private static Mesh withNormals(Mesh mesh) {
        return Mesh.adopt(mesh.positionsCopy(), VertexNormals.areaWeighted(mesh.positionsCopy(), mesh.indicesCopy()),
                mesh.indicesCopy());
    }

    /**
     * The same surface with x and y negated (RAS ↔ LPS). Two reflections make a rotation, so the
     * winding and the outward orientation are kept.
     */
    public static Mesh rasToLps(Mesh mesh) {
        float[] p = mesh.positionsCopy();
        float[] n = mesh.normalsCopy();
        for (int i = 0; i < p.length; i += 3) {
            p[i] = -p[i];
            p[i + 1] = -p[i + 1];
            if (n != null) {
                n[i] = -n[i];
                n[i + 1] = -n[i + 1];
            }
        }
        return Mesh.adopt(p, n, mesh.indicesCopy());
    }
}
