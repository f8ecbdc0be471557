package org.organ3d.mesh.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.file.Path;
import java.util.List;
import org.organ3d.io.AtomicFiles;

/**
 * Binary little-endian PLY 1.0: one {@code vertex} element (float x y z, float nx ny nz, uchar red
 * green blue alpha: the organ's colour on each of its vertices) and one {@code face} element
 * ({@code list uchar int vertex_indices}). Several meshes are concatenated with offset indices; a
 * header comment per mesh gives its label, name, colour and vertex/face ranges. The frame is
 * recorded in a comment ({@code comment organ3d SPACE=LPS UNITS=mm}). Atomic. Stateless.
 */
public final class PlyWriter {

    private PlyWriter() {
    }

    /** Writes {@code meshes} into one PLY file and returns its path. */
    public static Path write(Path path, List<NamedMesh> meshes, ExportOptions options) throws IOException {
        CoordinateSystem frame = options.coordinates();
        long vertices = 0;
        long faces = 0;
        StringBuilder comments = new StringBuilder();
        for (int i = 0; i < meshes.size(); i++) {
            NamedMesh m = meshes.get(i);
            comments.append("comment mesh ").append(i).append(" label ").append(m.label()).append(" name ")
                    .append(m.identifier()).append(" rgba ").append(String.format("%08x", m.rgba()))
                    .append(" vertices ").append(vertices).append(' ').append(m.mesh().vertexCount())
                    .append(" faces ").append(faces).append(' ').append(m.mesh().triangleCount()).append('\n');
            vertices += m.mesh().vertexCount();
            faces += m.mesh().triangleCount();
        }
        if (vertices > Integer.MAX_VALUE || faces > Integer.MAX_VALUE) {
            throw new IOException("too many vertices or faces for int PLY indices: " + vertices + ", " + faces);
        }
        String header = "ply\nformat binary_little_endian 1.0\ncomment organ3d " + frame.headerTag() + "\n"
                + comments
                + "element vertex " + vertices + "\n"
                + "property float x\nproperty float y\nproperty float z\n"
                + "property float nx\nproperty float ny\nproperty float nz\n"
                + "property uchar red\nproperty uchar green\nproperty uchar blue\nproperty uchar alpha\n"
                + "element face " + faces + "\n"
                + "property list uchar int vertex_indices\nend_header\n";
        AtomicFiles.write(path, os -> {
            LittleEndianOutput out = new LittleEndianOutput(os);
            out.putText(header);
            for (NamedMesh nm : meshes) {
                FramedMesh m = FramedMesh.of(nm, frame);
                float[] p = m.positions();
                float[] n = m.normals();
                byte r = (byte) (nm.rgba() >>> 24);
                byte g = (byte) (nm.rgba() >>> 16);
                byte b = (byte) (nm.rgba() >>> 8);
                byte a = (byte) nm.rgba();
                for (int v = 0; v < p.length; v += 3) {
                    ByteBuffer buf = out.reserve(28);
                    buf.putFloat(p[v]).putFloat(p[v + 1]).putFloat(p[v + 2]);
                    buf.putFloat(n[v]).putFloat(n[v + 1]).putFloat(n[v + 2]);
                    buf.put(r).put(g).put(b).put(a);
                }
            }
            int base = 0;
            for (NamedMesh nm : meshes) {
                IntBuffer idx = nm.mesh().indices();
                for (int t = 0; t < idx.limit(); t += 3) {
                    ByteBuffer buf = out.reserve(13);
                    buf.put((byte) 3).putInt(idx.get(t) + base).putInt(idx.get(t + 1) + base).putInt(idx.get(t + 2) + base);
                }
                base += nm.mesh().vertexCount();
            }
            out.flush();
        });
        return path.toAbsolutePath();
    }
}
