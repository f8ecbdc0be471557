package org.organ3d.io.dicom.seg;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.BeforeAll;
import java.io.IOException;
import java.nio.file.Path;
import org.organ3d.io.ImageFormats;
import org.organ3d.io.dicom.FuzzReferenceSeries;
import org.organ3d.io.dicom.ReferencedSeries;
import org.organ3d.testkit.HostileInputs;

/**
 * Fuzz targets for the DICOM SEG reader (see docs/robustness.md): a SEG read onto the committed
 * seven-slice oblique CT it references ({@code onto}), and a SEG read as an image beside that series,
 * which the reader finds by itself ({@code beside}). Each read returns a label map or throws an
 * {@link IOException} naming the file. Seeds: {@link SegSeeds}.
 */
class SegFuzzTest {

    @BeforeAll
    static void warmUp() {
        HostileInputs.warmUp(SegFuzzTest.class);
    }

    private static ReferencedSeries reference;

    private static synchronized ReferencedSeries reference() {
        if (reference == null) {
            reference = FuzzReferenceSeries.in("seg-beside");
        }
        return reference;
    }

    @FuzzTest
    void onto(byte[] input) {
        ReferencedSeries ref = reference();
        Path f = HostileInputs.write("seg-onto/fuzz.dcm", input);
        HostileInputs.readOrTypedError(f, IOException.class, () -> SegReader.readOnto(f, ref));
    }

    @FuzzTest
    void beside(byte[] input) {
        reference();
        Path f = HostileInputs.write("seg-beside/zz-fuzz-seg.dcm", input);
        HostileInputs.readOrTypedError(f, IOException.class, () -> ImageFormats.read(f));
    }
}
