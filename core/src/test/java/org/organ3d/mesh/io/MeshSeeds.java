package org.organ3d.mesh.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.organ3d.mesh.Mesh;
import org.organ3d.mesh.MeshPrimitives;

/**
 * Writes the seed corpus of {@link MeshReadersFuzzTest} with organ3d's own writers (a level-1
 * icosphere and a box, 80 and 12 triangles) plus hand-written ASCII PLY:
 * {@code java ... MeshSeeds core/src/test/resources/org/organ3d/mesh/io/MeshReadersFuzzTestInputs}.
 */
final class MeshSeeds {

    private MeshSeeds() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        Mesh sphere = MeshPrimitives.icosphere(0, 0, 0, 10, 1);
        Mesh box = MeshPrimitives.box(0, 0, 0, 2, 3, 4);
        List<NamedMesh> two = List.of(new NamedMesh(1, "sphere", 0xff0000ff, sphere), new NamedMesh(2, "box", 0x00ff00ff, box));
        ExportOptions lps = ExportOptions.in(CoordinateSystem.LPS);
        MeshWriters.write(dir(root, "stl").resolve("seed-sphere-binary.stl"), two.subList(0, 1), lps);
        MeshWriters.write(dir(root, "stl").resolve("seed-box-ascii.stl"), two.subList(1, 2), lps.withAsciiStl(true));
        MeshWriters.write(dir(root, "ply").resolve("seed-sphere-binary.ply"), two.subList(0, 1), lps);
        MeshWriters.write(dir(root, "obj").resolve("seed-two.obj"), two, lps);
        MeshWriters.write(dir(root, "glb").resolve("seed-two.glb"), two, ExportOptions.in(CoordinateSystem.RAS));
        Files.writeString(dir(root, "ply").resolve("seed-quad-ascii.ply"), """
                ply
                format ascii 1.0
                comment a unit square as one quad and a tetrahedron's extra vertex
                element vertex 5
                property float x
                property float y
                property float z
                property uchar red
                element face 2
                property list uchar int vertex_indices
                end_header
                0 0 0 255
                1 0 0 255
                1 1 0 255
                0 1 0 255
                0.5 0.5 1 0
                4 0 1 2 3
                3 0 1 4
                """, StandardCharsets.US_ASCII);
        for (String n : List.of("stl", "ply", "obj", "glb")) {
            try (var s = Files.list(dir(root, n))) {
                s.filter(p -> p.getFileName().toString().startsWith(".")).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Path dir(Path root, String target) throws IOException {
        return Files.createDirectories(root.resolve(target));
    }
}
