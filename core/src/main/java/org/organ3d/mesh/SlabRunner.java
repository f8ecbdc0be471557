package org.organ3d.mesh;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * Runs the slabs of a volume pass in parallel: in the caller's fork-join pool ({@code threads <= 0}:
 * the common pool, or the pool of {@link org.organ3d.parallel.Parallelism#call}), on a pool of
 * {@code threads} threads made for the call, or in the calling thread ({@code threads ==
 * 1} or one slab). A slab's exception reaches the caller unchanged (runtime exceptions and errors).
 */
final class SlabRunner {

    private SlabRunner() {
    }

    /** First of the n items (slices, layers) of slab s when n items are split evenly into slabs. */
    static int start(int s, int slabs, int n) {
        return (int) ((long) s * n / slabs);
    }

    /** Runs {@code body} for slabs 0..slabs-1. */
    static void run(int threads, int slabs, IntConsumer body) {
        map(threads, slabs, s -> {
            body.accept(s);
            return null;
        });
    }

    /** The results of {@code body} for slabs 0..slabs-1, in slab order. */
    static <T> List<T> map(int threads, int slabs, IntFunction<T> body) {
        if (threads == 1 || slabs == 1) {
            List<T> out = new ArrayList<>(slabs);
            for (int s = 0; s < slabs; s++) {
                out.add(body.apply(s));
            }
            return out;
        }
        Object[] out = new Object[slabs];
        Runnable all = () -> IntStream.range(0, slabs).parallel().forEach(s -> out[s] = body.apply(s));
        if (threads <= 0) {
            all.run();
        } else {
            ForkJoinPool pool = new ForkJoinPool(threads);
            try {
                pool.submit(all).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof RuntimeException re) {
                    throw re;
                }
                if (c instanceof Error er) {
                    throw er;
                }
                throw new IllegalStateException(c);
            } finally {
                pool.shutdown();
            }
        }
        @SuppressWarnings("unchecked")
        List<T> list = (List<T>) Arrays.asList(out);
        return list;
    }
}
