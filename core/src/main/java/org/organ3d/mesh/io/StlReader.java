package org.organ3d.mesh.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.organ3d.mesh.Mesh;

/** STL: binary when the size matches 84 + 50 × count, otherwise ASCII ("solid ... facet ... vertex"). */
final class StlReader {
    private StlReader() {
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
