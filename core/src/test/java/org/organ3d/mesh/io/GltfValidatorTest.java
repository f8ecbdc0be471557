package org.organ3d.mesh.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.mesh.MeshPrimitives;
import org.organ3d.mesh.QuadricDecimation;
import org.organ3d.mesh.TaubinSmoothing;
import org.organ3d.testkit.ExternalTool;
import org.organ3d.testkit.Processes;

/**
 * The GLB passes the Khronos glTF validator with no errors (npm package gltf-validator, installed
 * with {@code npm install --prefix tools/gltf-validator gltf-validator}); skipped with a printed
 * reason when node or the validator is missing (a failure with {@code
 * -Dorgan3d.require=gltf-validator}).
 */
class GltfValidatorTest {

    @TempDir
    Path dir;

    @Test
    void glbHasNoValidationErrors() throws Exception {
        ExternalTool.GLTF_VALIDATOR.require();
        var sphere = TaubinSmoothing.smooth(MeshPrimitives.icosphere(12, -30, 80, 25, 4)).mesh();
        var torus = QuadricDecimation.decimate(MeshPrimitives.torus(-50, 10, 60, 20, 7, 60, 24),
                QuadricDecimation.Options.toFraction(0.3)).mesh();
        List<NamedMesh> meshes = List.of(new NamedMesh(1, "liver", 0xB05030FF, sphere),
                new NamedMesh(2, "kidney (left)", 0x40A0E099, torus),
                new NamedMesh(3, "box", 0xFFFFFF40, MeshPrimitives.box(0, 0, 0, 10, 10, 10)));
        for (CoordinateSystem cs : CoordinateSystem.values()) {
            Path glb = dir.resolve("organs_" + cs + ".glb");
            MeshWriters.write(glb, meshes, ExportOptions.in(cs));
            Processes.Run r = ExternalTools.validateGlb(glb);
            System.out.print(r.out());
            assertEquals(0, r.exit(), r.out() + r.err());
            assertTrue(r.out().contains("errors=0 "), r.out());
            assertTrue(r.out().contains("warnings=0 "), r.out());
        }
    }
}
