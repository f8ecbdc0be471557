package org.organ3d.mesh.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.mesh.Mesh;
import org.organ3d.mesh.MeshPrimitives;

/** Exporters checked with small readers of our own: headers, frames, orientation, atomicity. */
class MeshExportTest {

    @TempDir
    Path dir;

    private static NamedMesh box() {
        return new NamedMesh(5, "spleen", 0x8040C0FF, MeshPrimitives.box(1, 2, 3, 11, 22, 33));
    }

    /** Signed volume of a binary STL from its corners (divergence theorem). */
    private static double stlVolume(ByteBuffer b) {
        int n = b.getInt(80);
        double six = 0;
        for (int t = 0; t < n; t++) {
            int o = 84 + 50 * t + 12;
            double[] p = new double[9];
            for (int k = 0; k < 9; k++) {
                p[k] = b.getFloat(o + 4 * k);
            }
            six += p[0] * (p[4] * p[8] - p[5] * p[7]) - p[1] * (p[3] * p[8] - p[5] * p[6])
                    + p[2] * (p[3] * p[7] - p[4] * p[6]);
        }
        return six / 6;
    }

    private static ByteBuffer read(Path p) throws IOException {
        return ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void binaryStlRecordsFrameAndKeepsOutwardWindingInRas() throws IOException {
        NamedMesh box = box();
        for (CoordinateSystem cs : CoordinateSystem.values()) {
            Path p = dir.resolve("box_" + cs + ".stl");
            MeshWriters.write(p, List.of(box), ExportOptions.in(cs));
            ByteBuffer b = read(p);
            String header = new String(b.array(), 0, 80, StandardCharsets.US_ASCII);
            assertTrue(header.startsWith("organ3d SPACE=" + cs + " UNITS=mm label=5 name=spleen"), header);
            assertEquals(12, b.getInt(80));
            assertEquals(84 + 50 * 12, b.capacity());
            assertEquals(10 * 20 * 30, stlVolume(b), 1e-9, "positive volume: outward winding in " + cs);
            // facet normal of the first triangle (the z = 3 face, normal −z in both frames)
            assertEquals(-1f, b.getFloat(84 + 8), 0f);
            float x0 = b.getFloat(84 + 12);
            assertEquals(cs == CoordinateSystem.LPS ? 1f : -1f, x0, 0f, "RAS negates x");
        }
    }

    @Test
    void severalLabelsGiveOneStlPerLabel() throws IOException {
        NamedMesh a = box();
        NamedMesh b = new NamedMesh(12, "", 0xFFFFFFFF, MeshPrimitives.icosphere(0, 0, 0, 5, 1));
        List<Path> written = MeshWriters.write(dir.resolve("organs.stl"), List.of(a, b),
                ExportOptions.in(CoordinateSystem.LPS));
        assertEquals(List.of(dir.resolve("organs_label5.stl").toAbsolutePath(),
                dir.resolve("organs_label12.stl").toAbsolutePath()), written);
        assertEquals(80, read(written.get(1)).getInt(80));
        String header = new String(Files.readAllBytes(written.get(1)), 0, 80, StandardCharsets.US_ASCII);
        assertTrue(header.contains("label=12 name=label_12"), header);
        assertEquals(dir.resolve("x_iso.stl"), MeshWriters.stlPathForLabel(dir.resolve("x.stl"), 0));
    }

    @Test
    void asciiStlNamesTheFrame() throws IOException {
        Path p = dir.resolve("a.stl");
        MeshWriters.write(p, List.of(box()), ExportOptions.in(CoordinateSystem.RAS).withAsciiStl(true));
        List<String> lines = Files.readAllLines(p);
        assertEquals("solid organ3d SPACE=RAS UNITS=mm label=5 name=spleen", lines.get(0));
        assertEquals(2 + 7 * 12, lines.size());
        assertEquals("   vertex -1.0 -2.0 3.0", lines.get(3));
    }

    @Test
    void objHasOneObjectPerOrganWithMaterials() throws IOException {
        NamedMesh a = box();
        NamedMesh b = new NamedMesh(9, "gall bladder", 0x00FF0080, MeshPrimitives.icosphere(0, 0, 0, 5, 1));
        List<Path> written = MeshWriters.write(dir.resolve("organs.obj"), List.of(a, b),
                ExportOptions.in(CoordinateSystem.RAS));
        assertEquals(2, written.size());
        String obj = Files.readString(written.get(0));
        String mtl = Files.readString(written.get(1));
        assertTrue(obj.contains("# SPACE=RAS UNITS=mm"), obj.substring(0, 100));
        assertTrue(obj.contains("mtllib organs.mtl\n"));
        assertTrue(obj.contains("o spleen\ng spleen\nusemtl label_5_spleen\n"));
        assertTrue(obj.contains("o gall_bladder\ng gall_bladder\nusemtl label_9_gall_bladder\n"));
        assertEquals(8 + 42, count(obj, "\nv "));
        assertEquals(8 + 42, count(obj, "\nvn "));
        assertEquals(12 + 80, count(obj, "\nf "));
        assertTrue(obj.contains("\nv -1.0 -2.0 3.0\n"), "RAS negates x and y");
        // the sphere's first face uses 1-based indices after the box's 8 vertices
        Matcher m = Pattern.compile("usemtl label_9_gall_bladder\\n(?:v[n]? .*\\n)*f (\\d+)//").matcher(obj);
        assertTrue(m.find());
        assertTrue(Integer.parseInt(m.group(1)) > 8);
        assertTrue(mtl.contains("newmtl label_9_gall_bladder\n"));
        assertTrue(mtl.contains("Kd 0.0 1.0 0.0\n"));
        assertTrue(mtl.contains("d 0.5019608\n"));
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void plyHeaderRecordsFrameAndLabels() throws IOException {
        Path p = dir.resolve("o.ply");
        MeshWriters.write(p, List.of(box()), ExportOptions.in(CoordinateSystem.LPS));
        byte[] all = Files.readAllBytes(p);
        String text = new String(all, StandardCharsets.US_ASCII);
        int end = text.indexOf("end_header\n") + "end_header\n".length();
        String header = text.substring(0, end);
        assertTrue(header.contains("format binary_little_endian 1.0\ncomment organ3d SPACE=LPS UNITS=mm\n"));
        assertTrue(header.contains("comment mesh 0 label 5 name spleen rgba 8040c0ff vertices 0 8 faces 0 12\n"));
        assertEquals(end + 8 * 28 + 12 * 13, all.length);
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(1f, b.getFloat(end), 0f);
        assertEquals((byte) 0x80, b.get(end + 24));
        assertEquals(3, b.get(end + 8 * 28));
    }

    @Test
    void glbStructureAndFrame() throws IOException {
        Path p = dir.resolve("o.glb");
        NamedMesh a = box();
        NamedMesh b = new NamedMesh(9, "gall \"bladder\"", 0x00FF0080, MeshPrimitives.icosphere(0, 0, 0, 5, 1));
        MeshWriters.write(p, List.of(a, b, new NamedMesh(4, "empty", 0xFFFFFFFF, Mesh.empty())),
                ExportOptions.in(CoordinateSystem.LPS));
        ByteBuffer buf = read(p);
        assertEquals(0x46546C67, buf.getInt(0));
        assertEquals(2, buf.getInt(4));
        assertEquals(buf.capacity(), buf.getInt(8));
        int jsonLength = buf.getInt(12);
        assertEquals(0, jsonLength % 4);
        String json = new String(buf.array(), 20, jsonLength, StandardCharsets.UTF_8);
        int binLength = buf.getInt(20 + jsonLength);
        assertEquals(0x004E4942, buf.getInt(24 + jsonLength));
        assertEquals(buf.capacity(), 28 + jsonLength + binLength);
        int bin = 28 + jsonLength;
        assertEquals((8 + 42) * 24 + (12 + 80) * 12, binLength);
        assertTrue(json.contains("\"name\":\"spleen\""));
        assertTrue(json.contains("\"name\":\"gall \\\"bladder\\\"\""));
        assertFalse(json.contains("\"empty\""), "empty meshes are left out");
        assertTrue(json.contains("\"sourceFrame\":\"LPS\""));
        assertEquals(1, count(json, "\"alphaMode\":\"BLEND\""), "only the translucent organ blends");
        // box corner 0 (1, 2, 3) LPS mm → glTF (x, z, −y) / 1000
        assertEquals(0.001f, buf.getFloat(bin), 0f);
        assertEquals(0.003f, buf.getFloat(bin + 4), 0f);
        assertEquals(-0.002f, buf.getFloat(bin + 8), 0f);
        assertTrue(json.contains("\"min\":[" + (double) 0.001f + "," + (double) 0.003f + "," + (double) -0.022f + "]"),
                json);
    }

    @Test
    void outputHasTheUsualPermissionsNotThoseOfATempFile() throws IOException {
        Path p = dir.resolve("perm.stl");
        MeshWriters.write(p, List.of(box()), ExportOptions.in(CoordinateSystem.LPS));
        Path ref = Files.createFile(dir.resolve("reference"));
        if (Files.getFileStore(p).supportsFileAttributeView("posix")) {
            assertEquals(Files.getPosixFilePermissions(ref), Files.getPosixFilePermissions(p));
        }
        Files.delete(ref);
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(p), s.toList(), "no temporary file left");
        }
    }

    @Test
    void namesAreCleanedForTextHeaders() {
        NamedMesh m = new NamedMesh(2, "left\tkidney\n", 0xFFFFFFFF, Mesh.empty());
        assertEquals("left kidney ", m.name());
        assertEquals("left_kidney_", m.identifier());
        assertEquals("label_2", new NamedMesh(2, null, 0, Mesh.empty()).displayName());
    }

    @Test
    void failedWriteLeavesNoFile() throws IOException {
        float[] p = MeshPrimitives.box(0, 0, 0, 1, 1, 1).positionsCopy();
        p[4] = Float.NaN;
        Mesh bad = Mesh.adopt(p, null, MeshPrimitives.box(0, 0, 0, 1, 1, 1).indicesCopy());
        Path out = dir.resolve("bad.glb");
        assertThrows(IllegalArgumentException.class, () -> MeshWriters.write(out, List.of(new NamedMesh(1, "x",
                0xFFFFFFFF, bad)), ExportOptions.in(CoordinateSystem.LPS)));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(0, s.count(), "no output and no temporary file");
        }
        MeshFormatException unknown = assertThrows(MeshFormatException.class, () -> MeshWriters.write(
                dir.resolve("x.vtk"), List.of(box()), ExportOptions.in(CoordinateSystem.LPS)));
        assertTrue(unknown.getMessage().contains("x.vtk") && unknown.getMessage().contains(".stl"), unknown.getMessage());
    }
}
