package org.organ3d.net.dicomweb;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.organ3d.testkit.HostileInputs;

/**
 * Fuzz targets for what a DICOMweb server sends back (see docs/robustness.md): a multipart/related
 * body (WADO-RS instances; every part's body read to its end) and a DICOM JSON array (QIDO-RS
 * results, WADO-RS metadata, STOW-RS answers). Each parse returns or throws its typed exception with
 * a message naming the source (multipart) or the cause (JSON).
 */
class DicomWebFuzzTest {

    static final String BOUNDARY = "organ3d-fuzz-boundary";
    private static final String SOURCE = "the fuzzed WADO-RS answer";

    @BeforeAll
    static void warmUp() {
        HostileInputs.warmUp(DicomWebFuzzTest.class);
    }

    @FuzzTest
    void multipart(byte[] input) {
        HostileInputs.parseOrTypedError(SOURCE, IOException.class, () -> {
            try (MultipartReader r = new MultipartReader(new ByteArrayInputStream(input), BOUNDARY, SOURCE)) {
                for (MultipartReader.Part p = r.next(); p != null; p = r.next()) {
                    p.headers();
                    try (InputStream body = p.body()) {
                        body.transferTo(OutputStreamNull.INSTANCE);
                    }
                }
            }
        });
    }

    @FuzzTest
    void dicomJson(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        HostileInputs.parseOrTypedError(null, DicomJson.FormatException.class, () -> DicomJson.parseArray(text));
    }

    /** Discards what is written. */
    private static final class OutputStreamNull extends java.io.OutputStream {
        static final OutputStreamNull INSTANCE = new OutputStreamNull();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
