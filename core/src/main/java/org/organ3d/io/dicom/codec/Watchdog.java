package org.organ3d.io.dicom.codec;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a third-party decode on a thread of its own and waits for it at most until a deadline, so
 * that a decoder that loops forever on hostile data cannot hang its caller. At the deadline the
 * decode's thread is interrupted (a {@link BoundedCodestream} turns that into an exception at its
 * next read); if it has still not finished after {@value #GRACE_MILLIS} ms the caller gets a
 * {@link CodecException} anyway, and the thread is stopped with {@link Thread#stop()} where the
 * runtime still allows it (Java 17 to 19; JJ2000's own error handler does the same to its thread,
 * and the decode's state is its own reader, dropped with it) or else abandoned as a daemon. Either
 * way {@link #abandoned()} counts it.
 *
 * <p>Cost: one hand-over to a cached daemon thread per decode (tens of microseconds, against tens
 * of milliseconds for a JPEG 2000 frame). Thread-safe.
 */
final class Watchdog {

    /** Time a decode gets to finish after its interrupt before it is abandoned (ms). */
    static final long GRACE_MILLIS = 2000;

    private static final AtomicInteger ABANDONED = new AtomicInteger();
    private static final AtomicInteger SERIAL = new AtomicInteger();
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "organ3d-decode-" + SERIAL.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    /** One decode: its thread while it runs, then its result or failure. */
    private static final class Task<T> implements Runnable {
        private final Callable<T> decode;
        private final CountDownLatch done = new CountDownLatch(1);
        private Thread runner;
        private T result;
        private Throwable failure;

        Task(Callable<T> decode) {
            this.decode = decode;
        }

        @Override
        public void run() {
            synchronized (this) {
                runner = Thread.currentThread();
            }
            try {
                result = decode.call();
            } catch (Throwable t) {
                // NB: JJ2000's error handler stops its own thread (ThreadDeath): caught here, the pool thread lives on
                failure = t;
            } finally {
                synchronized (this) {
                    runner = null;
                    Thread.interrupted();
                }
                done.countDown();
            }
        }

        synchronized void interrupt() {
            if (runner != null) {
                runner.interrupt();
            }
        }

        @SuppressWarnings({"deprecation", "removal"})
        synchronized void stop() {
            if (runner != null) {
                try {
                    runner.stop();
                } catch (UnsupportedOperationException e) {
                    // NB: Java 20 and later: the thread stays a spinning daemon; the caller is free anyway
                }
            }
        }
    }

    private Watchdog() {
    }

    /** Decodes abandoned because they neither finished nor reacted to an interrupt, since start-up. */
    static int abandoned() {
        return ABANDONED.get();
    }

    /**
     * Runs {@code decode} and returns its result.
     *
     * @param codec         codec name for messages
     * @param deadlineNanos {@link System#nanoTime()} by which the decode must have finished
     * @throws CodecException what the decode threw (a {@code CodecException} as it is, others wrapped),
     *                        or that it ran past the deadline
     */
    static <T> T run(String codec, long deadlineNanos, Callable<T> decode) throws CodecException {
        Task<T> task = new Task<>(decode);
        THREADS.execute(task);
        boolean late = false;
        try {
            if (!task.done.await(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                late = true;
                task.interrupt();
                if (!task.done.await(GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                    ABANDONED.incrementAndGet();
                    task.stop();
                }
            }
        } catch (InterruptedException e) {
            task.interrupt();
            Thread.currentThread().interrupt();
            throw new CodecException(codec + ": interrupted while decoding", e);
        }
        if (late) {
            throw new CodecException(codec + ": decoding did not finish within its time limit (corrupt stream?)");
        }
        Throwable c = task.failure;
        if (c == null) {
            return task.result;
        }
        if (c instanceof CodecException ce) {
            throw ce;
        }
        if (c instanceof VirtualMachineError vme) {
            throw vme;
        }
        throw new CodecException(codec + ": the decoder failed: " + c, c);
    }
}
