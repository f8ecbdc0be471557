package org.organ3d.mesh.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.mesh.Mesh;
import org.organ3d.mesh.MeshPrimitives;
import org.organ3d.mesh.MeshProperties;

/** Reads back files written by organ3d's own exporters and hand-made edge cases. */
class MeshReadersTest {

    static final Mesh SPHERE = MeshPrimitives.icosphere(10, -20, 30, 25, 3);

    @Test
    void stlAndPlyFromTheExportersReadBackToTheSameSurface(@TempDir Path dir) throws IOException {
        MeshProperties truth = MeshProperties.of(SPHERE);
        for (String ext : new String[] {"stl", "ply", "obj"}) {
            Path f = dir.resolve("sphere." + ext);
            MeshWriters.write(f, List.of(new NamedMesh(1, "sphere", 0xffffffff, SPHERE)),
                    ExportOptions.in(CoordinateSystem.LPS));
            NamedMesh m = MeshReaders.read(f, 1, 0xffffffff);
            assertEquals(SPHERE.triangleCount(), m.mesh().triangleCount(), ext);
            assertEquals(SPHERE.vertexCount(), m.mesh().vertexCount(), ext + ": STL vertices are welded");
            MeshProperties p = MeshProperties.of(m.mesh());
            assertEquals(truth.volumeMm3(), p.volumeMm3(), 1e-3 * truth.volumeMm3(), ext + " volume");
            assertEquals(10, p.centroidX(), 0.01, ext + " centroid x (LPS kept)");
            assertEquals(-20, p.centroidY(), 0.01, ext);
            assertTrue(m.mesh().hasNormals());
            assertEquals("sphere", m.name());
        }
    }

    @Test
    void rasExportReadWithRasToLpsLandsWhereTheLpsOriginalWas(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("ras.stl");
        MeshWriters.write(f, List.of(new NamedMesh(1, "s", 0xffffffff, SPHERE)), ExportOptions.in(CoordinateSystem.RAS));
        Mesh back = MeshReaders.rasToLps(MeshReaders.read(f, 1, 0xffffffff).mesh());
        MeshProperties p = MeshProperties.of(back);
        assertEquals(10, p.centroidX(), 0.01);
        assertEquals(-20, p.centroidY(), 0.01);
        assertEquals(30, p.centroidZ(), 0.01);
        assertTrue(p.volumeMm3() > 0, "outward winding kept");
    }

    @Test
    void asciiStlIsRead(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("tet.stl");
        StringBuilder sb = new StringBuilder("solid tet\n");
        float[][] v = {{0, 0, 0}, {10, 0, 0}, {0, 10, 0}, {0, 0, 10}};
        int[][] t = {{0, 2, 1}, {0, 1, 3}, {0, 3, 2}, {1, 2, 3}};
        for (int[] tri : t) {
            sb.append(" facet normal 0 0 0\n  outer loop\n");
            for (int i : tri) {
                sb.append("   vertex ").append(v[i][0]).append(' ').append(v[i][1]).append(' ').append(v[i][2]).append('\n');
            }
            sb.append("  endloop\n endfacet\n");
        }
        sb.append("endsolid tet\n");
        Files.writeString(f, sb);
        Mesh m = MeshReaders.read(f, 0, 0xffffffff).mesh();
        assertEquals(4, m.triangleCount());
        assertEquals(4, m.vertexCount());
        assertEquals(1000.0 / 6, MeshProperties.of(m).volumeMm3(), 1e-3);
    }

    @Test
    void corruptFilesFailWithTheFileAndOffset(@TempDir Path dir) throws IOException {
        Path stl = dir.resolve("bad.stl");
        ByteBuffer b = ByteBuffer.allocate(84 + 50).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(80, 1_000_000);   // claims far more triangles than the file holds
        Files.write(stl, b.array());
        MeshFormatException e = assertThrows(MeshFormatException.class, () -> MeshReaders.read(stl, 0, 0));
        assertTrue(e.getMessage().contains("bad.stl"), e.getMessage());
        Path ply = dir.resolve("bad.ply");
        Files.write(ply, ("ply\nformat binary_little_endian 1.0\nelement vertex 100000000\nproperty float x\n"
                + "property float y\nproperty float z\nend_header\n").getBytes(StandardCharsets.US_ASCII));
        e = assertThrows(MeshFormatException.class, () -> MeshReaders.read(ply, 0, 0));
        assertTrue(e.offset() > 0 && e.getMessage().contains("more bytes than remain"), e.getMessage());
        Path ply2 = dir.resolve("idx.ply");
        Files.writeString(ply2, "ply\nformat ascii 1.0\nelement vertex 3\nproperty float x\nproperty float y\n"
                + "property float z\nelement face 1\nproperty list uchar int vertex_indices\nend_header\n"
                + "0 0 0\n1 0 0\n0 1 0\n3 0 1 7\n");
        e = assertThrows(MeshFormatException.class, () -> MeshReaders.read(ply2, 0, 0));
        assertTrue(e.getMessage().contains("face index 7"), e.getMessage());
    }

    /**
     * Damaged copies of every format the exporters write (binary and ASCII STL, binary PLY, OBJ, GLB):
     * bit flips, truncation and, in text, numbers replaced by extreme or malformed ones. Each read
     * gives a mesh or a {@link MeshFormatException}; nothing else.
     */
    @Test
    void damagedFilesGiveAMeshOrAMeshFormatException(@TempDir Path dir) throws IOException {
        Mesh small = MeshPrimitives.icosphere(1, 2, 3, 5, 1);
        String[] numbers = {"0", "-1", "4294967296", "1e999", "nan", "x", "-2147483649"};
        java.util.regex.Pattern number = java.util.regex.Pattern.compile("-?\\d+(\\.\\d+)?");
        for (String name : new String[] {"s.stl", "a.stl", "s.ply", "s.obj", "s.glb"}) {
            Path f = dir.resolve(name);
            MeshWriters.write(f, List.of(new NamedMesh(1, "s", 0xffffffff, small)),
                    ExportOptions.in(CoordinateSystem.LPS).withAsciiStl(name.equals("a.stl")));
            byte[] good = Files.readAllBytes(f);
            java.util.Random rnd = new java.util.Random(name.hashCode());
            int rejected = 0;
            for (int trial = 0; trial < 400; trial++) {
                byte[] b = good.clone();
                if (trial % 3 == 0) {
                    for (int k = 0; k < 1 + rnd.nextInt(6); k++) {
                        b[rnd.nextInt(Math.min(b.length, rnd.nextBoolean() ? 600 : b.length))] ^= (byte) (1 << rnd.nextInt(8));
                    }
                } else if (trial % 3 == 1) {
                    b = java.util.Arrays.copyOf(good, rnd.nextInt(good.length));
                } else {
                    String text = new String(good, StandardCharsets.ISO_8859_1);
                    java.util.regex.Matcher m = number.matcher(text.substring(0, Math.min(text.length(), 2000)));
                    List<int[]> spans = new java.util.ArrayList<>();
                    while (m.find()) {
                        spans.add(new int[] {m.start(), m.end()});
                    }
                    int[] sp = spans.get(rnd.nextInt(spans.size()));
                    b = (text.substring(0, sp[0]) + numbers[rnd.nextInt(numbers.length)] + text.substring(sp[1]))
                            .getBytes(StandardCharsets.ISO_8859_1);
                }
                Path d = dir.resolve("d-" + name);
                Files.write(d, b);
                try {
                    MeshReaders.readAll(d, 0xffffffff);
                } catch (MeshFormatException e) {
                    assertTrue(e.getMessage().contains(d.getFileName().toString()), e.getMessage());
                    rejected++;
                } catch (RuntimeException | OutOfMemoryError e) {
                    throw new AssertionError(name + " trial " + trial + ": " + e, e);
                }
            }
            System.out.println("damaged " + name + ": " + rejected + " of 400 rejected");
        }
    }
}
