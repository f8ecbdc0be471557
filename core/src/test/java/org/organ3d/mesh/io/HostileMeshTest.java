package org.organ3d.mesh.io;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The PLY failure classes the fuzzer found (issue 21), one committed regression input each (in
 * {@code MeshReadersFuzzTestInputs/ply}, replayed by {@link MeshReadersFuzzTest} too): a typed error
 * naming the file, at once.
 */
class HostileMeshTest {

    private static Path input(String name) throws URISyntaxException {
        return Path.of(HostileMeshTest.class.getResource("MeshReadersFuzzTestInputs/ply/regression-" + name).toURI());
    }

    @ParameterizedTest
    @CsvSource({
        // was an endless loop (count 2^63-1 records of no bytes) growing the mesh to an OutOfMemoryError
        "vertex-no-properties.ply, declares 9223372036854775807 records but no properties",
        // was NegativeArraySizeException: -1 (a float list count of 1e30 cast to a length)
        "float-list-count.ply, list count type float is not an integer type",
        // count x record size overflowed the bound on the records
        "count-times-size-overflow.ply, face count 4611686018427387904 needs more bytes than remain"})
    void plyCountsAreBoundedBeforeTheyAreUsed(String name, String words) throws Exception {
        Path f = input(name);
        MeshFormatException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(MeshFormatException.class, () -> MeshReaders.readAll(f, 0xffffffff)));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains(words), e.getMessage());
    }
}
