package org.organ3d.mesh;

import java.util.Arrays;

/**
 * A 4-ary min-heap of candidate edge collapses with lazy invalidation: an entry records its two
 * vertices and the collapse sequence number at which it was pushed; the caller discards an entry
 * whose vertices changed after that. Keys are {@code floatBits(cost) << 32 | entry}, so costs
 * (non-negative) order as their float bit patterns and equal costs pop in push order. NB: four
 * children per node halve the depth of a binary heap and keep siblings in one cache line, which
 * matters because a decimation pops millions of entries from an array far larger than the cache.
 * Not thread-safe.
 */
final class EdgeHeap {

    private long[] heap = new long[1024];
    private int size;
    // NB: entry e is (first, second, pushedAt) at 3e..3e+2, one cache line for the stale check that
    // most pops end in.
    private int[] entry = new int[3 * 1024];
    private int entries;

    void clear() {
        size = 0;
        entries = 0;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void push(int u, int v, double cost, int sequence) {
        if (3 * entries == entry.length) {
            entry = Arrays.copyOf(entry, 3 * (entries + (entries >> 1)));
        }
        int e = entries++;
        entry[3 * e] = u;
        entry[3 * e + 1] = v;
        entry[3 * e + 2] = sequence;
        float c = (float) Math.max(0, Math.min(cost, Float.MAX_VALUE));
        long key = ((long) Float.floatToIntBits(c) << 32) | e;
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size + (size >> 1));
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 2;
            if (heap[parent] <= key) {
                break;
            }
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = key;
    }

    /** Removes the cheapest entry and returns its entry number. */
    int pop() {
        long top = heap[0];
        long last = heap[--size];
        int i = 0;
        while (true) {
            int first = 4 * i + 1;
            if (first >= size) {
                break;
            }
            int best = first;
            long bestKey = heap[first];
            int end = Math.min(first + 4, size);
            for (int c = first + 1; c < end; c++) {
                if (heap[c] < bestKey) {
                    bestKey = heap[c];
                    best = c;
                }
            }
            if (last <= bestKey) {
                break;
            }
            heap[i] = bestKey;
            i = best;
        }
        if (size > 0) {
            heap[i] = last;
        }
        return (int) top;
    }

    int first(int e) {
        return entry[3 * e];
    }

    int second(int e) {
        return entry[3 * e + 1];
    }

    int pushedAt(int e) {
        return entry[3 * e + 2];
    }
}
