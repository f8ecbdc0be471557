package org.organ3d.mesh.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.BeforeAll;
import java.nio.file.Path;
import org.organ3d.testkit.HostileInputs;

/**
 * Fuzz targets for the mesh readers (see docs/robustness.md): STL (binary and ASCII), PLY (ascii and
 * binary), OBJ and GLB, each read through {@link MeshReaders#readAll}. Each read returns meshes or
 * throws a {@link MeshFormatException} naming the file. Seeds: {@link MeshSeeds}.
 */
class MeshReadersFuzzTest {

    @BeforeAll
    static void warmUp() {
        HostileInputs.warmUp(MeshReadersFuzzTest.class);
    }

    @FuzzTest
    void stl(byte[] input) {
        read("fuzz.stl", input);
    }

    @FuzzTest
    void ply(byte[] input) {
        read("fuzz.ply", input);
    }

    @FuzzTest
    void obj(byte[] input) {
        read("fuzz.obj", input);
    }

    @FuzzTest
    void glb(byte[] input) {
        read("fuzz.glb", input);
    }

    private static void read(String name, byte[] input) {
        Path f = HostileInputs.write("mesh/" + name, input);
        HostileInputs.readOrTypedError(f, MeshFormatException.class, () -> MeshReaders.readAll(f, 0xffffffff));
    }
}
