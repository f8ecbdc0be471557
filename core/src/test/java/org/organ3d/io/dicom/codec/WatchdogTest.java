package org.organ3d.io.dicom.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InterruptedIOException;
import org.junit.jupiter.api.Test;

/** The bounds around third-party decodes: the watchdog thread and the bounded codestream. */
class WatchdogTest {

    @Test
    void aDecodeThatNeverReturnsEndsTheCallWithinDeadlinePlusGraceAndIsStopped() throws Exception {
        java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
        long t0 = System.nanoTime();
        int before = Watchdog.abandoned();
        CodecException e = assertThrows(CodecException.class, () -> Watchdog.run("test", System.nanoTime() + 200_000_000L, () -> {
            try {
                long x = 0;
                while (x >= 0) {
                    // NB: reads nothing, ignores interrupts: only Thread.stop ends it
                    x += x % 7 == 3 ? 2 : 1;
                    x &= Long.MAX_VALUE;
                }
                return x;
            } finally {
                ended.countDown();
            }
        }));
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(e.getMessage().contains("time limit"), e.getMessage());
        assertTrue(seconds < 0.2 + Watchdog.GRACE_MILLIS / 1000.0 + 1.5, "took " + seconds + " s");
        assertEquals(before + 1, Watchdog.abandoned());
        // NB: Java 20+ cannot stop a thread; there the caller is free and the daemon spins on
        assertTrue(ended.await(5, java.util.concurrent.TimeUnit.SECONDS) || Runtime.version().feature() >= 20,
                "the spinning decode was not stopped");
    }

    @Test
    void resultsAndCodecErrorsPassThrough() throws Exception {
        assertEquals(42, Watchdog.run("test", System.nanoTime() + 5_000_000_000L, () -> 42));
        CodecException e = assertThrows(CodecException.class,
                () -> Watchdog.run("test", System.nanoTime() + 5_000_000_000L, () -> {
                    throw CodecException.at("test", 7, "bad");
                }));
        assertEquals("test: bad at byte offset 7", e.getMessage());
        CodecException wrapped = assertThrows(CodecException.class,
                () -> Watchdog.run("test", System.nanoTime() + 5_000_000_000L, () -> {
                    throw new IllegalStateException("boom");
                }));
        assertTrue(wrapped.getMessage().contains("boom"), wrapped.getMessage());
    }

    @Test
    void readsPastTheEndAreBounded() throws Exception {
        try (BoundedCodestream in = new BoundedCodestream(new byte[] {1, 2}, System.nanoTime() + 60_000_000_000L)) {
            assertEquals(1, in.read());
            assertEquals(2, in.read());
            for (int i = 0; i < BoundedCodestream.MAX_READS_PAST_END; i++) {
                assertEquals(-1, in.read());
            }
            IOException e = assertThrows(IOException.class, in::read);
            assertTrue(e.getMessage().contains("read past the end"), e.getMessage());
        }
    }

    @Test
    void aPassedDeadlineEndsReading() throws Exception {
        try (BoundedCodestream in = new BoundedCodestream(new byte[1 << 16], System.nanoTime() - 1)) {
            assertThrows(InterruptedIOException.class, () -> {
                for (int i = 0; i < 1 << 16; i++) {
                    in.read();
                }
            });
        }
    }
}
