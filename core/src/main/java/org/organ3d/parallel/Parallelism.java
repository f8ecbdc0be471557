package org.organ3d.parallel;

import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;

/**
 * Which threads organ3d's heavy Java passes use. Every parallel pass (flying edges, surface nets,
 * segmentation, measurement, reading and writing) splits its work with fork-join tasks or parallel
 * streams, and these run in the pool of the thread that starts them: a pass called from an ordinary
 * thread uses {@link ForkJoinPool#commonPool()}, a pass called inside {@link #call(ForkJoinPool, Work)}
 * uses that pool only, with that pool's {@linkplain ForkJoinPool#getParallelism() parallelism}. An
 * embedder (a server that bounds organ3d to a few cores, or keeps the common pool for itself) wraps
 * its calls in {@code call}; {@code org.organ3d.pipeline.Pipeline} does it for every step.
 *
 * <p>NB: this is the fork-join rule of the JDK ({@link ForkJoinTask#fork()} pushes to the pool the
 * current task runs in), so nothing is threaded through the passes' signatures. Stateless and
 * thread-safe.
 */
public final class Parallelism {

    private Parallelism() {
    }

    /** Work that may throw a checked exception of type {@code E}. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T run() throws E;
    }

    /**
     * The pool that parallel work started from the calling thread runs in: the caller's own pool
     * when it is a fork-join worker, else the common pool.
     */
    public static ForkJoinPool currentPool() {
        ForkJoinPool p = ForkJoinTask.getPool();
        return p != null ? p : ForkJoinPool.commonPool();
    }

    /** The parallelism of {@link #currentPool()} (at least 1): how many slabs a pass should aim for. */
    public static int current() {
        return Math.max(1, currentPool().getParallelism());
    }

    /**
     * Runs {@code work} in {@code pool} and waits for it (uninterruptibly: the passes are not
     * cancellable; an interrupt is kept for the caller): every parallel pass it starts runs on the
     * pool's threads. Exceptions reach the caller as thrown (checked ones included); runs
     * {@code work} directly when the calling thread already is a worker of {@code pool}.
     *
     * <p>Throws what {@code work} throws.
     */
    public static <T, E extends Exception> T call(ForkJoinPool pool, Work<T, E> work) throws E {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(work, "work");
        if (ForkJoinTask.getPool() == pool) {
            return work.run();
        }
        Object[] result = new Object[1];
        Throwable[] thrown = new Throwable[1];
        CountDownLatch done = new CountDownLatch(1);
        // NB: executed by the pool and awaited on a latch, never joined: a thread outside the pool
        // that joins a task may run it itself (taking it back from the queue), and then the passes
        // it starts would fork into the common pool instead
        pool.execute(new RecursiveAction() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void compute() {
                try {
                    result[0] = work.run();
                } catch (Throwable t) {
                    thrown[0] = t;
                } finally {
                    done.countDown();
                }
            }
        });
        awaitUninterruptibly(done);
        if (thrown[0] != null) {
            throw Parallelism.<E>rethrow(thrown[0]);
        }
        @SuppressWarnings("unchecked")
        T t = (T) result[0];
        return t;
    }

    /** Runs {@code work} in {@code pool}, as {@link #call} does, for work without a result. */
    public static <E extends Exception> void run(ForkJoinPool pool, Work<Void, E> work) throws E {
        call(pool, work);
    }

    /** Waits for {@code done}; a fork-join worker waiting here lets its pool add a thread meanwhile. */
    private static void awaitUninterruptibly(CountDownLatch done) {
        boolean interrupted = false;
        ForkJoinPool.ManagedBlocker blocker = new ForkJoinPool.ManagedBlocker() {
            @Override
            public boolean block() throws InterruptedException {
                done.await();
                return true;
            }

            @Override
            public boolean isReleasable() {
                return done.getCount() == 0;
            }
        };
        while (done.getCount() > 0) {
            try {
                ForkJoinPool.managedBlock(blocker);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Exception> RuntimeException rethrow(Throwable t) throws E {
        throw (E) t;
    }
}
