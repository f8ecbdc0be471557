package org.organ3d.mesh.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.organ3d.io.AtomicFiles;

/**
 * STL, binary (80-byte header, uint32 triangle count, 50 bytes per triangle, little-endian) or
 * ASCII. STL has no shared vertices, names or colours: each triangle is written with its unit facet
 * normal (from the written positions) and three corners. Several meshes go into one file one after
 * another (binary) or as one {@code solid} each (ASCII); for one file per label see
 * {@link MeshWriters#stlPathForLabel}. The frame is recorded in the binary header as text ({@code
 * organ3d SPACE=LPS UNITS=mm ...}; NB: it never starts with "solid", which makes some readers take a
 * binary file for ASCII) and on the ASCII {@code solid} line. Writes are atomic. Stateless.
 */
public final class StlWriter {

    private StlWriter() {
    }

    /** Writes {@code meshes} into one STL file and returns its path. */
    public static Path write(Path path, List<NamedMesh> meshes, ExportOptions options) throws IOException {
        AtomicFiles.write(path, os -> {
            LittleEndianOutput out = new LittleEndianOutput(os);
            if (options.asciiStl()) {
                writeAscii(out, meshes, options.coordinates());
            } else {
                writeBinary(out, meshes, options.coordinates());
            }
            out.flush();
        });
        return path.toAbsolutePath();
    }

    /** The 80-byte header text (ASCII, padded with spaces). */
    static byte[] header(List<NamedMesh> meshes, CoordinateSystem frame) {
        StringBuilder sb = new StringBuilder("organ3d ").append(frame.headerTag());
        if (meshes.size() == 1) {
            NamedMesh m = meshes.get(0);
            sb.append(" label=").append(m.label()).append(" name=").append(m.identifier());
        } else {
            sb.append(" meshes=").append(meshes.size());
        }
        byte[] text = sb.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] h = new byte[80];
        java.util.Arrays.fill(h, (byte) ' ');
        System.arraycopy(text, 0, h, 0, Math.min(80, text.length));
        return h;
    }

    private static void writeBinary(LittleEndianOutput out, List<NamedMesh> meshes, CoordinateSystem frame)
            throws IOException {
        long total = 0;
        for (NamedMesh m : meshes) {
            total += m.mesh().triangleCount();
        }
        if (total > 0xFFFFFFFFL) {
            throw new IOException("binary STL holds at most 2^32-1 triangles: " + total);
        }
        out.putBytes(header(meshes, frame));
        out.putInt((int) total);
        float[] n = new float[3];
        for (NamedMesh nm : meshes) {
            FramedMesh m = FramedMesh.of(nm, frame);
            float[] p = m.positions();
            int[] idx = m.indices();
            for (int t = 0; t < m.triangleCount(); t++) {
                m.facetNormal(t, n);
                ByteBuffer b = out.reserve(50);
                b.putFloat(n[0]).putFloat(n[1]).putFloat(n[2]);
                for (int k = 0; k < 3; k++) {
                    int v = 3 * idx[3 * t + k];
                    b.putFloat(p[v]).putFloat(p[v + 1]).putFloat(p[v + 2]);
                }
                b.putShort((short) 0);
            }
        }
    }

    private static void writeAscii(LittleEndianOutput out, List<NamedMesh> meshes, CoordinateSystem frame)
            throws IOException {
        float[] n = new float[3];
        StringBuilder sb = new StringBuilder(1 << 16);
        for (NamedMesh nm : meshes) {
            FramedMesh m = FramedMesh.of(nm, frame);
            String solid = "organ3d " + frame.headerTag() + " label=" + nm.label() + " name=" + nm.identifier();
            sb.append("solid ").append(solid).append('\n');
            float[] p = m.positions();
            int[] idx = m.indices();
            for (int t = 0; t < m.triangleCount(); t++) {
                m.facetNormal(t, n);
                sb.append(" facet normal ").append(n[0]).append(' ').append(n[1]).append(' ').append(n[2])
                        .append("\n  outer loop\n");
                for (int k = 0; k < 3; k++) {
                    int v = 3 * idx[3 * t + k];
                    sb.append("   vertex ").append(p[v]).append(' ').append(p[v + 1]).append(' ').append(p[v + 2])
                            .append('\n');
                }
                sb.append("  endloop\n endfacet\n");
                if (sb.length() > 60000) {
                    out.putText(sb);
                    sb.setLength(0);
                }
            }
            sb.append("endsolid ").append(solid).append('\n');
        }
        out.putText(sb);
    }
}
