package org.organ3d.io.dicom.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.organ3d.io.dicom.codec.CodecFixtures.Fixture;

/** The shared decoder instances give the same samples when many threads use them at once. */
class DecoderThreadSafetyTest {

    @Test
    void concurrentDecodingMatchesSerialDecoding() throws Exception {
        List<Fixture> fixtures = CodecFixtures.all();
        List<int[]> serial = new ArrayList<>();
        for (Fixture f : fixtures) {
            serial.add(decode(f));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<int[]>> futures = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (Fixture f : fixtures) {
                    futures.add(pool.submit(() -> decode(f)));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                Fixture f = fixtures.get(i % fixtures.size());
                assertArrayEquals(serial.get(i % fixtures.size()), futures.get(i).get(), f.name());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static int[] decode(Fixture f) throws CodecException {
        return Codecs.forTransferSyntax(f.syntax()).orElseThrow().decode(f.frame(0), f.spec());
    }
}
