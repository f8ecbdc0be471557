package org.organ3d.viewer.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.organ3d.mesh.Mesh;
import org.organ3d.mesh.VertexNormals;
import org.organ3d.mesh.io.NamedMesh;

/**
 * Reads surface files for the viewer: STL (binary and ASCII), PLY (ascii, binary little and big
 * endian; triangles and polygons, fan-triangulated), OBJ (v and f records; polygons fan-triangulated,
 * negative indices allowed) and binary glTF (one mesh per node, with names and material colours: see
 * {@link Glb}). STL, PLY and OBJ coordinates are taken as LPS mm, which is what organ3d's exporters
 * write by default (a file exported in RAS shows mirrored in x and y); a GLB from organ3d records its
 * frame. Colours of STL/PLY/OBJ and all normals in the files are ignored: normals are recomputed
 * (area-weighted) after STL vertices are welded.
 *
 * <p>Every count read from a binary header is checked against the bytes that remain before anything
 * is allocated. Files are read whole into memory (limit 2 GiB).
 */
public final class MeshFiles {

    private MeshFiles() {
    }

    /** True for the extensions this reader handles (.stl, .ply, .obj, .glb). */
    public static boolean isMeshFile(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".stl") || n.endsWith(".ply") || n.endsWith(".obj") || isGlb(p);
    }

    /** True for binary glTF (.glb), whose files carry several named, coloured meshes and their frame. */
    public static boolean isGlb(Path p) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".glb");
    }

    /**
     * Every surface of a mesh file: the meshes of a GLB (named and coloured from the file;
     * {@code rgba} for those without a material), or the one surface of any other file.
     *
     * @throws MeshFormatException when the content is malformed (file, offset or line, cause)
     */
    public static List<NamedMesh> readAll(Path file, int rgba) throws IOException {
        if (!isGlb(file)) {
            return List.of(read(file, 0, rgba));
        }
        List<NamedMesh> out = new ArrayList<>();
        for (NamedMesh m : Glb.read(file, Files.readAllBytes(file), rgba)) {
            out.add(new NamedMesh(m.label(), m.name(), m.rgba(), withNormals(m.mesh())));
        }
        return out;
    }

    /**
     * Reads one surface; the name is the file name without extension, the colour a neutral bone white.
     *
     * @throws MeshFormatException when the content is malformed (file, offset or line, cause)
     */
    public static NamedMesh read(Path file, int label, int rgba) throws IOException {
        String n = file.getFileName().toString();
        String lower = n.toLowerCase(Locale.ROOT);
        byte[] bytes = Files.readAllBytes(file);
        Mesh mesh;
        if (lower.endsWith(".stl")) {
            mesh = Stl.read(file, bytes);
        } else if (lower.endsWith(".ply")) {
            mesh = Ply.read(file, bytes);
        } else if (lower.endsWith(".obj")) {
            mesh = Obj.read(file, bytes);
        } else {
            throw new MeshFormatException(file, -1, "unknown mesh extension (expected .stl, .ply or .obj; .glb through readAll)");
        }
        if (mesh.triangleCount() == 0) {
            throw new MeshFormatException(file, -1, "no triangles");
        }
        int dot = n.lastIndexOf('.');
        return new NamedMesh(label, dot > 0 ? n.substring(0, dot) : n, rgba, withNormals(mesh));
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

    /** STL: binary when the size matches 84 + 50 × count, otherwise ASCII ("solid ... facet ... vertex"). */
    static final class Stl {
        private Stl() {
        }

        static Mesh read(Path file, byte[] b) throws MeshFormatException {
            if (b.length >= 84) {
                ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
                long count = Integer.toUnsignedLong(bb.getInt(80));
                if (84 + 50 * count == b.length) {
                    MeshBuilder mb = new MeshBuilder(true);
                    for (int t = 0; t < count; t++) {
                        int o = 84 + 50 * t + 12;
                        int[] v = new int[3];
                        for (int c = 0; c < 3; c++) {
                            int p = o + 12 * c;
                            v[c] = mb.vertex(bb.getFloat(p), bb.getFloat(p + 4), bb.getFloat(p + 8));
                        }
                        mb.triangle(v[0], v[1], v[2]);
                    }
                    return mb.build();
                }
            }
            String text = new String(b, StandardCharsets.US_ASCII);
            if (!text.stripLeading().startsWith("solid")) {
                throw new MeshFormatException(file, 80, "neither binary STL (size must be 84 + 50 x triangle count) "
                        + "nor ASCII STL (must start with 'solid')");
            }
            MeshBuilder mb = new MeshBuilder(true);
            int[] v = new int[3];
            int k = 0;
            int line = 0;
            for (String raw : text.split("\n")) {
                line++;
                String s = raw.trim();
                if (s.startsWith("vertex")) {
                    String[] f = s.split("\\s+");
                    if (f.length != 4 || k == 3) {
                        throw new MeshFormatException(file, -1, "line " + line + ": bad vertex record");
                    }
                    try {
                        v[k++] = mb.vertex(Float.parseFloat(f[1]), Float.parseFloat(f[2]), Float.parseFloat(f[3]));
                    } catch (NumberFormatException e) {
                        throw new MeshFormatException(file, -1, "line " + line + ": " + e.getMessage());
                    }
                } else if (s.startsWith("endloop")) {
                    if (k != 3) {
                        throw new MeshFormatException(file, -1, "line " + line + ": facet with " + k + " vertices");
                    }
                    mb.triangle(v[0], v[1], v[2]);
                    k = 0;
                }
            }
            return mb.build();
        }
    }

    /** OBJ: "v x y z" and "f a b c ..." (a may be a/b/c; negative indices count from the end). */
    static final class Obj {
        private Obj() {
        }

        static Mesh read(Path file, byte[] b) throws MeshFormatException {
            MeshBuilder mb = new MeshBuilder(false);
            int line = 0;
            for (String raw : new String(b, StandardCharsets.UTF_8).split("\n")) {
                line++;
                String s = raw.trim();
                try {
                    if (s.startsWith("v ")) {
                        String[] f = s.split("\\s+");
                        mb.vertex(Float.parseFloat(f[1]), Float.parseFloat(f[2]), Float.parseFloat(f[3]));
                    } else if (s.startsWith("f ")) {
                        String[] f = s.split("\\s+");
                        int[] ix = new int[f.length - 1];
                        for (int i = 1; i < f.length; i++) {
                            int slash = f[i].indexOf('/');
                            int v = Integer.parseInt(slash < 0 ? f[i] : f[i].substring(0, slash));
                            v = v < 0 ? mb.vertexCount() + v : v - 1;
                            if (v < 0 || v >= mb.vertexCount()) {
                                throw new MeshFormatException(file, -1, "line " + line + ": vertex index out of range");
                            }
                            ix[i - 1] = v;
                        }
                        for (int i = 1; i + 1 < ix.length; i++) {
                            mb.triangle(ix[0], ix[i], ix[i + 1]);
                        }
                    }
                } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                    throw new MeshFormatException(file, -1, "line " + line + ": malformed record '" + s + "'");
                }
            }
            return mb.build();
        }
    }
}
