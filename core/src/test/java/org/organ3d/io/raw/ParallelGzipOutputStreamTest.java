package org.organ3d.io.raw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParallelGzipOutputStreamTest {

    @TempDir
    Path dir;

    static byte[] sample(int n, long seed) {
        Random r = new Random(seed);
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i % 4096 < 2048 ? r.nextInt(8) : r.nextInt(256));
        }
        return b;
    }

    static byte[] gzip(byte[] data, int chunk) throws IOException {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        try (ParallelGzipOutputStream g = new ParallelGzipOutputStream(o, 1)) {
            for (int off = 0; off < data.length; off += chunk) {
                g.write(data, off, Math.min(chunk, data.length - off));
            }
        }
        return o.toByteArray();
    }

    @Test
    void jdkGunzipReadsItBack() throws IOException {
        for (int n : new int[] {0, 1, 1000, ParallelGzipOutputStream.BLOCK, ParallelGzipOutputStream.BLOCK + 1, 3_500_000}) {
            byte[] data = sample(n, n);
            byte[] gz = gzip(data, 70_001);
            byte[] back;
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
                back = in.readAllBytes();
            }
            assertArrayEquals(data, back, "n = " + n);
        }
    }

    @Test
    void gzipCommandAcceptsIt() throws Exception {
        byte[] data = sample(2_600_000, 7);
        Path f = dir.resolve("x.gz");
        Files.write(f, gzip(data, 1 << 16));
        org.organ3d.testkit.ExternalTool.GZIP.require();
        // gzip checks CRC and length; -k keeps x.gz and writes x
        org.organ3d.testkit.Processes.run(java.util.List.of("gzip", "-dk", f.toString()), dir, java.time.Duration.ofMinutes(1))
                .assertOk("gzip -dk");
        assertArrayEquals(data, Files.readAllBytes(dir.resolve("x")));
    }
}
