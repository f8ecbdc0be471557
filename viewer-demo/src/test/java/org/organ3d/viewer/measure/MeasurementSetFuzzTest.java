package org.organ3d.viewer.measure;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.BeforeAll;
import java.io.IOException;
import java.nio.file.Path;
import org.organ3d.testkit.HostileInputs;

/**
 * Fuzz target for the viewer's measurement files (see docs/robustness.md): {@link MeasurementSet#load}
 * returns a set or throws an {@link IOException} naming the file.
 */
class MeasurementSetFuzzTest {

    @BeforeAll
    static void warmUp() {
        HostileInputs.warmUp(MeasurementSetFuzzTest.class);
    }

    @FuzzTest
    void load(byte[] input) {
        Path f = HostileInputs.write("measure/fuzz.json", input);
        HostileInputs.readOrTypedError(f, IOException.class, () -> MeasurementSet.load(f));
    }
}
