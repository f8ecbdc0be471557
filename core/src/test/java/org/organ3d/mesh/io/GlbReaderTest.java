package org.organ3d.mesh.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.mesh.Mesh;
import org.organ3d.mesh.MeshPrimitives;
import org.organ3d.mesh.MeshProperties;
import org.organ3d.mesh.MeshTopology;

/**
 * GLB reading: organ3d's own GLBs (LPS and RAS) read back to the exported surfaces, names, labels and
 * colours; a GLB written by assimp reads with the generic axis convention; node transforms, strips
 * and mirroring by hand-made files; bad files give typed errors.
 */
class GlbReaderTest {

    @TempDir
    Path dir;

    @Test
    void organ3dGlbReadsBackInEitherFrame() throws IOException {
        Mesh liver = MeshPrimitives.icosphere(-40, 20, 110, 60, 3);
        Mesh lesion = MeshPrimitives.icosphere(-30, 25, 100, 8, 2);
        List<NamedMesh> organs = List.of(new NamedMesh(1, "liver", 0xb04a3dff, liver),
                new NamedMesh(7, "liver lesion", 0xf5e93c80, lesion));
        for (CoordinateSystem cs : CoordinateSystem.values()) {
            Path f = dir.resolve("organs-" + cs + ".glb");
            MeshWriters.write(f, organs, ExportOptions.in(cs));
            List<NamedMesh> back = MeshReaders.readAll(f, 0x123456ff);
            assertEquals(2, back.size(), cs.toString());
            for (int i = 0; i < 2; i++) {
                NamedMesh want = organs.get(i);
                NamedMesh got = back.get(i);
                assertEquals(want.name(), got.name());
                assertEquals(want.label(), got.label());
                assertEquals(want.rgba(), got.rgba(), cs + " " + want.name() + ": sRGB -> linear -> sRGB");
                assertArrayEquals(want.mesh().indicesCopy(), got.mesh().indicesCopy());
                float[] p = want.mesh().positionsCopy();
                float[] q = got.mesh().positionsCopy();
                for (int k = 0; k < p.length; k++) {
                    assertEquals(p[k], q[k], 1e-4, cs + " " + want.name() + " coordinate " + k);
                }
                assertEquals(MeshProperties.of(want.mesh()).volumeMm3(), MeshProperties.of(got.mesh()).volumeMm3(),
                        1e-5 * MeshProperties.of(want.mesh()).volumeMm3());
                assertTrue(got.mesh().hasNormals());
            }
        }
    }

    @Test
    void assimpGlbReadsWithTheGenericConvention() throws IOException {
        Path f = dir.resolve("two.glb");
        try (InputStream in = GlbReaderTest.class.getResourceAsStream("glb/two.glb")) {
            Files.write(f, in.readAllBytes());
        }
        List<NamedMesh> m = MeshReaders.readAll(f, 0x123456ff);
        assertEquals(List.of("cube", "tetra"), m.stream().map(NamedMesh::name).toList());
        // glTF metres (x, y, z) -> LPS mm (1000 x, -1000 z, 1000 y)
        Mesh cube = m.get(0).mesh();
        assertEquals(12, cube.triangleCount());
        double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        double[] hi = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        float[] p = cube.positionsCopy();
        for (int i = 0; i < p.length; i++) {
            lo[i % 3] = Math.min(lo[i % 3], p[i]);
            hi[i % 3] = Math.max(hi[i % 3], p[i]);
        }
        assertArrayEquals(new double[] {100, -20, 0}, lo, 1e-3);
        assertArrayEquals(new double[] {120, 0, 20}, hi, 1e-3);
        assertEquals(8000, MeshProperties.of(cube).volumeMm3(), 1e-2, "outward winding kept");
        assertTrue(MeshTopology.of(cube).isWatertight());
        assertEquals(4500, MeshProperties.of(m.get(1).mesh()).volumeMm3(), 1e-2);
        // Kd as linear baseColorFactor -> sRGB: 0.8 0.2 0.1 -> 231 124 89, 0.1 0.3 0.9 -> 89 149 243; d 0.5 -> alpha 128
        assertEquals(0xe77c59ff, m.get(0).rgba(), Integer.toHexString(m.get(0).rgba()));
        assertEquals(0x5995f380, m.get(1).rgba(), Integer.toHexString(m.get(1).rgba()));
    }

    /** A tetrahedron (outward, counter-clockwise) as a GLB with the given node JSON and primitive. */
    private static byte[] glb(String nodes, int mode, int[] indices, int indexType) throws IOException {
        return glb(nodes, mode, indices, indexType, UnaryOperator.identity());
    }

    /** As above, with {@code edit} applied to the JSON text. */
    private static byte[] glb(String nodes, int mode, int[] indices, int indexType, UnaryOperator<String> edit)
            throws IOException {
        float[] v = {0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1};
        int ib = indexType == 5121 ? 1 : indexType == 5123 ? 2 : 4;
        ByteBuffer bin = ByteBuffer.allocate(48 + ((indices.length * ib + 3) & ~3)).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : v) {
            bin.putFloat(x);
        }
        for (int i : indices) {
            if (ib == 1) {
                bin.put((byte) i);
            } else if (ib == 2) {
                bin.putShort((short) i);
            } else {
                bin.putInt(i);
            }
        }
        String json = "{\"asset\":{\"version\":\"2.0\"},\"scene\":0,\"scenes\":[{\"nodes\":[0]}],\"nodes\":" + nodes
                + ",\"meshes\":[{\"name\":\"tet\",\"primitives\":[{\"attributes\":{\"POSITION\":0},\"indices\":1,\"mode\":"
                + mode + "}]}],\"accessors\":[{\"bufferView\":0,\"componentType\":5126,\"count\":4,\"type\":\"VEC3\"},"
                + "{\"bufferView\":1,\"componentType\":" + indexType + ",\"count\":" + indices.length
                + ",\"type\":\"SCALAR\"}],\"bufferViews\":[{\"buffer\":0,\"byteOffset\":0,\"byteLength\":48},"
                + "{\"buffer\":0,\"byteOffset\":48,\"byteLength\":" + indices.length * ib + "}],\"buffers\":[{\"byteLength\":"
                + bin.capacity() + "}]}";
        return container(edit.apply(json), bin.array());
    }

    private static byte[] container(String json, byte[] bin) throws IOException {
        byte[] j = json.getBytes(StandardCharsets.UTF_8);
        int jl = (j.length + 3) & ~3;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer h = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0x46546C67).putInt(2).putInt(12 + 8 + jl + 8 + bin.length).putInt(jl).putInt(0x4E4F534A);
        out.write(h.array());
        out.write(j);
        for (int i = j.length; i < jl; i++) {
            out.write(' ');
        }
        ByteBuffer c = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(bin.length).putInt(0x004E4942);
        out.write(c.array());
        out.write(bin);
        return out.toByteArray();
    }

    private static final int[] TET = {0, 2, 1, 0, 1, 3, 0, 3, 2, 1, 2, 3};

    private List<NamedMesh> read(byte[] b) throws IOException {
        Path f = dir.resolve("t.glb");
        Files.write(f, b);
        return MeshReaders.readAll(f, 0x123456ff);
    }

    @Test
    void nodeTransformsComposeAndMirroringKeepsTheOutside() throws IOException {
        double tetVolume = 1e9 / 6; // 1 m legs, in mm³
        // parent scales by 2 and moves +1 m along glTF x; child rotates 90° about glTF y
        String nodes = "[{\"name\":\"parent\",\"scale\":[2,2,2],\"translation\":[1,0,0],\"children\":[1]},"
                + "{\"name\":\"child\",\"mesh\":0,\"rotation\":[0,0.7071067811865476,0,0.7071067811865476],"
                + "\"extras\":{\"label\":9}}]";
        NamedMesh m = read(glb(nodes, 4, TET, 5125)).get(0);
        assertEquals("child", m.name());
        assertEquals(9, m.label());
        assertEquals(0x123456ff, m.rgba(), "no material: the default colour");
        assertEquals(8 * tetVolume, MeshProperties.of(m.mesh()).volumeMm3(), 1e-6 * 8 * tetVolume);
        // vertex 1 (1,0,0): rotated to (0,0,-1), scaled (0,0,-2), moved (1,0,-2) m -> LPS (1000, 2000, 0) mm
        float[] p = m.mesh().positionsCopy();
        assertArrayEquals(new float[] {1000, 2000, 0}, Arrays.copyOfRange(p, 3, 6), 1e-3f);

        String mirrored = "[{\"name\":\"m\",\"mesh\":0,\"matrix\":[-1,0,0,0, 0,1,0,0, 0,0,1,0, 0,0,0,1]}]";
        Mesh mm = read(glb(mirrored, 4, TET, 5123)).get(0).mesh();
        assertEquals(tetVolume, MeshProperties.of(mm).volumeMm3(), 1e-6 * tetVolume, "winding reversed under a mirror");
    }

    @Test
    void stripsAndFansAreUnrolled() throws IOException {
        String node = "[{\"mesh\":0}]";
        // a fan around vertex 0 covering the three faces at the origin, and a strip of two triangles
        Mesh fan = read(glb(node, 6, new int[] {0, 2, 1, 3, 2}, 5121)).get(0).mesh();
        assertEquals(3, fan.triangleCount());
        assertEquals("tet", read(glb(node, 6, new int[] {0, 2, 1, 3, 2}, 5121)).get(0).name());
        Mesh strip = read(glb(node, 5, new int[] {2, 1, 3, 0}, 5125)).get(0).mesh();
        assertEquals(2, strip.triangleCount());
        assertArrayEquals(new int[] {2, 1, 3, 1, 0, 3}, strip.indicesCopy(), "odd strip triangles swap two indices");
    }

    @Test
    void badFilesGiveTypedErrors() throws IOException {
        String node = "[{\"mesh\":0}]";
        byte[] good = glb(node, 4, TET, 5125);
        assertMessage(Arrays.copyOf(good, 10), "no glTF magic");
        assertMessage(Arrays.copyOf(good, good.length - 8), "header says");
        assertMessage(glb(node, 4, new int[] {0, 1, 4}, 5125), "index 4 at 2 outside 0..3");
        assertMessage(glb(node, 4, TET, 5125, j -> j.replace("{\"asset\"", "{\"extensionsRequired\":[\"KHR_draco\"],\"asset\"")),
                "KHR_draco");
        assertMessage(glb(node, 4, TET, 5125, j -> j.replace("\"count\":4,", "\"count\":5,")), "run past the buffer view");
        assertMessage(glb("[{\"children\":[0]}]", 4, TET, 5125), "deeper than");
        assertMessage(glb(node, 4, TET, 5125, j -> j.replace("\"nodes\":[0]", "\"nodes\":[3]")), "nodes[3] does not exist");
        assertMessage(glb(node, 4, TET, 5125, j -> j.replace("\"buffers\":[{", "\"buffers\":[{\"uri\":\"x.bin\",")),
                "external");
        assertMessage(glb(node, 4, TET, 5125, j -> j.replace("\"componentType\":5126", "\"componentType\":5123")),
                "32-bit floats");
        assertMessage(glb(node, 4, TET, 5125, j -> j.replace("\"byteLength\":48}", "\"byteLength\":4800}")),
                "runs past the binary chunk");
        assertMessage(glb(node, 4, TET, 5125, j -> j.substring(0, j.length() - 2)), "malformed JSON");
        assertMessage(glb(node, 1, TET, 5125), "no triangles");
    }

    /** Random byte and JSON-number damage: the file reads, or gives a MeshFormatException; nothing else. */
    @Test
    void damagedFilesNeverThrowAnythingElse() throws IOException {
        java.util.Random rnd = new java.util.Random(11);
        byte[] good = glb("[{\"name\":\"n\",\"mesh\":0,\"scale\":[1,2,3]}]", 4, TET, 5123);
        String json = new String(good, 20, ByteBuffer.wrap(good).order(ByteOrder.LITTLE_ENDIAN).getInt(12), StandardCharsets.UTF_8);
        String[] numbers = {"-1", "0", "3", "7", "252", "253", "4294967296", "99999999999999999999", "1e300", "-0.5", "null", "\"x\""};
        int read = 0;
        int rejected = 0;
        for (int trial = 0; trial < 3000; trial++) {
            byte[] b;
            if (trial % 2 == 0) {
                b = good.clone();
                for (int f = 0; f < 1 + rnd.nextInt(4); f++) {
                    b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
                }
            } else {
                // replace one number of the JSON by an extreme or wrong-typed value
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("-?\\d+(\\.\\d+)?").matcher(json);
                List<int[]> spans = new java.util.ArrayList<>();
                while (m.find()) {
                    spans.add(new int[] {m.start(), m.end()});
                }
                int[] sp = spans.get(rnd.nextInt(spans.size()));
                String edited = json.substring(0, sp[0]) + numbers[rnd.nextInt(numbers.length)] + json.substring(sp[1]);
                int binStart = 20 + ((json.getBytes(StandardCharsets.UTF_8).length + 3) & ~3) + 8;
                b = container(edited, Arrays.copyOfRange(good, binStart, good.length));
            }
            try {
                read(b);
                read++;
            } catch (MeshFormatException e) {
                rejected++;
            }
        }
        System.out.println("damaged GLBs: " + read + " still read, " + rejected + " rejected with a MeshFormatException");
        assertTrue(rejected > 100);
    }

    private void assertMessage(byte[] b, String part) {
        MeshFormatException e = assertThrows(MeshFormatException.class, () -> read(b));
        assertTrue(e.getMessage().contains(part), e.getMessage());
        assertTrue(e.getMessage().startsWith(dir.resolve("t.glb").toString()), e.getMessage());
    }
}
