package org.organ3d.mesh.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;
import org.organ3d.io.AtomicFiles;
import org.organ3d.mesh.Mesh;

/**
 * STL, binary (80-byte header, uint32 triangle count, 50 bytes per triangle, little-endian) or
 * ASCII. STL has no shared vertices, names or colours: each triangle is written with its unit facet
 * normal (from the written positions) and three corners. Several meshes go into one file one after
 * another (binary) or as one {@code solid} each (ASCII); for one file per label see
 * {@link MeshWriters#stlPathForLabel}. The frame is recorded in the binary header as text ({@code
 * organ3d SPACE=LPS UNITS=mm ...}; NB: it never starts with "solid", which makes some readers take a
 * binary file for ASCII) and on the ASCII {@code solid} line. Writes are atomic. Stateless; the
 * binary writer encodes on all cores (the common fork-join pool, or the caller's).
 */
public final class StlWriter {

    /** Triangles per block of the parallel binary writer (800 KB of output). */
    static final int BLOCK_TRIANGLES = 1 << 14;

    private StlWriter() {
    }

    /** One worker's buffers: corners, encoded bytes, and a direct buffer the channel writes without copying. */
    private static final class Scratch {
        final float[] corners = new float[9 * BLOCK_TRIANGLES];
        final byte[] bytes = new byte[50 * BLOCK_TRIANGLES];
        final ByteBuffer direct = ByteBuffer.allocateDirect(50 * BLOCK_TRIANGLES);
    }

    /** Writes {@code meshes} into one STL file and returns its path. */
    public static Path write(Path path, List<NamedMesh> meshes, ExportOptions options) throws IOException {
        if (options.asciiStl()) {
            AtomicFiles.write(path, os -> {
                LittleEndianOutput out = new LittleEndianOutput(os);
                writeAscii(out, meshes, options.coordinates());
                out.flush();
            });
        } else {
            AtomicFiles.writeChannel(path, ch -> writeBinary(ch, meshes, options.coordinates()));
        }
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

    /**
     * Binary STL straight from the meshes' arrays (no copy, no vertex normals): blocks of
     * {@value #BLOCK_TRIANGLES} triangles are encoded on all cores and written at their own offsets.
     * The bytes are those of a sequential writer (every block's place is fixed by its triangles).
     */
    private static void writeBinary(FileChannel ch, List<NamedMesh> meshes, CoordinateSystem frame) throws IOException {
        long total = 0;
        for (NamedMesh m : meshes) {
            total += m.mesh().triangleCount();
        }
        if (total > 0xFFFFFFFFL) {
            throw new IOException("binary STL holds at most 2^32-1 triangles: " + total);
        }
        ByteBuffer head = ByteBuffer.allocate(84).order(ByteOrder.LITTLE_ENDIAN);
        head.put(header(meshes, frame)).putInt((int) total).flip();
        writeFully(ch, head, 0);
        long at = 84;
        ConcurrentLinkedQueue<Scratch> spare = new ConcurrentLinkedQueue<>();
        boolean ras = frame == CoordinateSystem.RAS;
        for (NamedMesh nm : meshes) {
            Mesh m = nm.mesh();
            int nt = m.triangleCount();
            int blocks = (nt + BLOCK_TRIANGLES - 1) / BLOCK_TRIANGLES;
            long base = at;
            try {
                IntStream.range(0, blocks).parallel().forEach(b -> {
                    Scratch sc = spare.poll();
                    if (sc == null) {
                        sc = new Scratch();
                    }
                    int t0 = b * BLOCK_TRIANGLES;
                    int t1 = Math.min(nt, t0 + BLOCK_TRIANGLES);
                    encode(m, t0, t1, ras, sc.corners, sc.bytes, sc.direct);
                    try {
                        writeFully(ch, sc.direct, base + 50L * t0);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    spare.add(sc);
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            at += 50L * nt;
        }
    }

    /**
     * Triangles [t0, t1) as STL records into {@code buf} (cleared, then flipped for writing).
     * NB: plain array loops and byte stores, which run fast from the first block on (a one-shot run
     * writes before the JIT has optimised anything), unlike per-value buffer calls.
     */
    private static void encode(Mesh m, int t0, int t1, boolean ras, float[] c, byte[] b, ByteBuffer buf) {
        m.triangleCorners(t0, t1, c, 0);
        int o = 0;
        for (int t = 0, n = t1 - t0; t < n; t++) {
            int q = 9 * t;
            if (ras) {
                // NB: RAS negates x and y exactly, so the facet normal below is the RAS positions' own
                for (int k = 0; k < 9; k += 3) {
                    c[q + k] = -c[q + k];
                    c[q + k + 1] = -c[q + k + 1];
                }
            }
            double ux = c[q + 3] - c[q];
            double uy = c[q + 4] - c[q + 1];
            double uz = c[q + 5] - c[q + 2];
            double vx = c[q + 6] - c[q];
            double vy = c[q + 7] - c[q + 1];
            double vz = c[q + 8] - c[q + 2];
            double nx = uy * vz - uz * vy;
            double ny = uz * vx - ux * vz;
            double nz = ux * vy - uy * vx;
            double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
            if (len > 0) {
                o = le(b, o, (float) (nx / len));
                o = le(b, o, (float) (ny / len));
                o = le(b, o, (float) (nz / len));
            } else {
                o = le(b, o, 0f);
                o = le(b, o, 0f);
                o = le(b, o, 0f);
            }
            for (int k = 0; k < 9; k++) {
                o = le(b, o, c[q + k]);
            }
            b[o] = 0;
            b[o + 1] = 0;
            o += 2;
        }
        buf.clear();
        buf.put(b, 0, o).flip();
    }

    /** Puts {@code v} little-endian at {@code b[o]}; returns o + 4. */
    private static int le(byte[] b, int o, float v) {
        int x = Float.floatToRawIntBits(v);
        b[o] = (byte) x;
        b[o + 1] = (byte) (x >>> 8);
        b[o + 2] = (byte) (x >>> 16);
        b[o + 3] = (byte) (x >>> 24);
        return o + 4;
    }

    private static void writeFully(FileChannel ch, ByteBuffer b, long at) throws IOException {
        long pos = at;
        while (b.hasRemaining()) {
            pos += ch.write(b, pos);
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
            IntBuffer idx = m.indices();
            for (int t = 0; t < m.triangleCount(); t++) {
                m.facetNormal(t, n);
                sb.append(" facet normal ").append(n[0]).append(' ').append(n[1]).append(' ').append(n[2])
                        .append("\n  outer loop\n");
                for (int k = 0; k < 3; k++) {
                    int v = 3 * idx.get(3 * t + k);
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
