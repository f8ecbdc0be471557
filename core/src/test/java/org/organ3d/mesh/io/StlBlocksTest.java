package org.organ3d.mesh.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.mesh.Mesh;
import org.organ3d.mesh.MeshPrimitives;

/**
 * The binary STL writer encodes blocks of triangles on several threads and writes each at its own
 * offset: the file must be byte for byte the plain sequential encoding (written here independently,
 * triangle by triangle through a ByteBuffer) for meshes spanning several blocks, two meshes in one
 * file, and both frames.
 */
class StlBlocksTest {

    @TempDir
    Path dir;

    @Test
    void blocksWrittenInParallelEqualTheSequentialEncoding() throws IOException {
        Mesh big = MeshPrimitives.icosphere(10, -20, 30, 50, 6);   // 81920 triangles: 5 blocks, the last partial
        Mesh small = MeshPrimitives.torus(0, 0, 0, 30, 10, 40, 17);
        assertEquals(81920, big.triangleCount());
        for (CoordinateSystem frame : CoordinateSystem.values()) {
            List<NamedMesh> meshes = List.of(new NamedMesh(1, "a", 0xFFFFFFFF, big), new NamedMesh(2, "b", 0xFF0000FF, small));
            Path p = dir.resolve("m_" + frame + ".stl");
            StlWriter.write(p, meshes, ExportOptions.in(frame));
            assertArrayEquals(sequential(meshes, frame), Files.readAllBytes(p), frame.name());
        }
    }

    private static byte[] sequential(List<NamedMesh> meshes, CoordinateSystem frame) {
        int total = meshes.stream().mapToInt(m -> m.mesh().triangleCount()).sum();
        ByteBuffer b = ByteBuffer.allocate(84 + 50 * total).order(ByteOrder.LITTLE_ENDIAN);
        b.put(StlWriter.header(meshes, frame)).putInt(total);
        float s = frame == CoordinateSystem.RAS ? -1 : 1;
        for (NamedMesh nm : meshes) {
            Mesh m = nm.mesh();
            float[] p = m.positionsCopy();
            int[] idx = m.indicesCopy();
            for (int t = 0; t < m.triangleCount(); t++) {
                float[] c = new float[9];
                for (int k = 0; k < 3; k++) {
                    int v = 3 * idx[3 * t + k];
                    c[3 * k] = s * p[v];
                    c[3 * k + 1] = s * p[v + 1];
                    c[3 * k + 2] = p[v + 2];
                }
                double ux = c[3] - c[0];
                double uy = c[4] - c[1];
                double uz = c[5] - c[2];
                double vx = c[6] - c[0];
                double vy = c[7] - c[1];
                double vz = c[8] - c[2];
                double nx = uy * vz - uz * vy;
                double ny = uz * vx - ux * vz;
                double nz = ux * vy - uy * vx;
                double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
                if (len > 0) {
                    b.putFloat((float) (nx / len)).putFloat((float) (ny / len)).putFloat((float) (nz / len));
                } else {
                    b.putFloat(0).putFloat(0).putFloat(0);
                }
                for (float x : c) {
                    b.putFloat(x);
                }
                b.putShort((short) 0);
            }
        }
        return b.array();
    }
}
