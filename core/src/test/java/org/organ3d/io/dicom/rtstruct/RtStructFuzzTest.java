package org.organ3d.io.dicom.rtstruct;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.organ3d.io.dicom.FuzzReferenceSeries;
import org.organ3d.io.dicom.ReferencedSeries;
import org.organ3d.testkit.HostileInputs;

/**
 * Fuzz target for the RTSTRUCT reader (see docs/robustness.md): a structure set parsed and its
 * contours rasterised onto the committed 7-slice oblique CT ({@link FuzzReferenceSeries}). The read
 * returns a label map or throws an {@link IOException} naming the file. Seeds: {@link RtStructSeeds}.
 */
class RtStructFuzzTest {

    private static ReferencedSeries reference;

    @BeforeAll
    static void warmUp() {
        HostileInputs.warmUp(RtStructFuzzTest.class);
    }

    private static synchronized ReferencedSeries reference() {
        if (reference == null) {
            reference = FuzzReferenceSeries.in("rtstruct-reference");
        }
        return reference;
    }

    @FuzzTest
    void onto(byte[] input) {
        ReferencedSeries ref = reference();
        Path f = HostileInputs.write("rtstruct/fuzz.dcm", input);
        HostileInputs.readOrTypedError(f, IOException.class, () -> new RtStructFormat().read(f, ref));
    }
}
