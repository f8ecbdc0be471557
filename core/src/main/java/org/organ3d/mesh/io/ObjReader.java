package org.organ3d.mesh.io;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.organ3d.mesh.Mesh;

/** OBJ: "v x y z" and "f a b c ..." (a may be a/b/c; negative indices count from the end). */
final class ObjReader {
    private ObjReader() {
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
