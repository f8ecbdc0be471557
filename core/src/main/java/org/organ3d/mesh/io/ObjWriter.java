package org.organ3d.mesh.io;

import java.io.IOException;
import java.nio.IntBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.organ3d.io.AtomicFiles;

/**
 * Wavefront OBJ with an MTL material library beside it ({@code name.obj} + {@code name.mtl}): one
 * {@code o}/{@code g} block per organ with its {@code usemtl}, shared vertices ({@code v}) and
 * normals ({@code vn}), faces {@code f a//a b//b c//c} with 1-based indices counted across the file.
 * The MTL holds one material per organ: {@code Kd} the colour (sRGB, as given), {@code d} the
 * opacity. The frame is recorded in a comment ({@code # organ3d SPACE=LPS UNITS=mm}). Both files are
 * written atomically (the MTL first). Stateless.
 */
public final class ObjWriter {

    private ObjWriter() {
    }

    /** Writes the OBJ at {@code path} and its MTL next to it; returns both paths (OBJ first). */
    public static List<Path> write(Path path, List<NamedMesh> meshes, ExportOptions options) throws IOException {
        String file = path.getFileName().toString();
        String stem = file.contains(".") ? file.substring(0, file.lastIndexOf('.')) : file;
        Path mtl = path.resolveSibling(stem + ".mtl");
        CoordinateSystem frame = options.coordinates();
        Path mtlTemp = AtomicFiles.prepare(mtl, os -> {
            LittleEndianOutput out = new LittleEndianOutput(os);
            StringBuilder sb = new StringBuilder("# organ3d materials for ").append(file).append('\n');
            for (NamedMesh m : meshes) {
                float[] c = m.colorFloats();
                sb.append("\nnewmtl ").append(material(m)).append('\n')
                        .append("Ka 0 0 0\n")
                        .append("Kd ").append(c[0]).append(' ').append(c[1]).append(' ').append(c[2]).append('\n')
                        .append("Ks 0.2 0.2 0.2\nNs 20\n")
                        .append("d ").append(c[3]).append('\n')
                        .append("illum 2\n");
            }
            out.putText(sb);
            out.flush();
        });
        Path objTemp;
        try {
            objTemp = AtomicFiles.prepare(path, os -> writeObj(new LittleEndianOutput(os), file, mtl, meshes, frame));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(mtlTemp);
            throw e;
        }
        // NB: both files are complete before either is renamed into place.
        AtomicFiles.commit(mtlTemp, mtl);
        AtomicFiles.commit(objTemp, path);
        return List.of(path.toAbsolutePath(), mtl.toAbsolutePath());
    }

    private static void writeObj(LittleEndianOutput out, String file, Path mtl, List<NamedMesh> meshes,
            CoordinateSystem frame) throws IOException {
        StringBuilder sb = new StringBuilder(1 << 16);
        sb.append("# organ3d OBJ\n# ").append(frame.headerTag())
                .append(" (coordinate system ").append(frame).append(", millimetres)\n")
                .append("mtllib ").append(mtl.getFileName()).append('\n');
        int base = 1;
        for (NamedMesh nm : meshes) {
            FramedMesh m = FramedMesh.of(nm, frame);
            sb.append("\n# label ").append(nm.label()).append(' ').append(nm.displayName()).append('\n')
                    .append("o ").append(nm.identifier()).append('\n')
                    .append("g ").append(nm.identifier()).append('\n')
                    .append("usemtl ").append(material(nm)).append('\n');
            float[] p = m.positions();
            float[] n = m.normals();
            for (int v = 0; v < p.length; v += 3) {
                sb.append("v ").append(p[v]).append(' ').append(p[v + 1]).append(' ').append(p[v + 2]).append('\n');
                flushIfFull(out, sb);
            }
            for (int v = 0; v < n.length; v += 3) {
                sb.append("vn ").append(n[v]).append(' ').append(n[v + 1]).append(' ').append(n[v + 2]).append('\n');
                flushIfFull(out, sb);
            }
            IntBuffer idx = m.indices();
            for (int t = 0; t < idx.limit(); t += 3) {
                int a = idx.get(t) + base;
                int b = idx.get(t + 1) + base;
                int c = idx.get(t + 2) + base;
                sb.append("f ").append(a).append("//").append(a).append(' ').append(b).append("//").append(b)
                        .append(' ').append(c).append("//").append(c).append('\n');
                flushIfFull(out, sb);
            }
            base += m.vertexCount();
        }
        out.putText(sb);
        out.flush();
    }

    static String material(NamedMesh m) {
        return "label_" + m.label() + "_" + m.identifier();
    }

    private static void flushIfFull(LittleEndianOutput out, StringBuilder sb) throws IOException {
        if (sb.length() > 60000) {
            out.putText(sb);
            sb.setLength(0);
        }
    }
}
