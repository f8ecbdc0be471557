package org.organ3d.mesh;

import java.util.Arrays;

/**
 * The priority queue of candidate edge collapses: a radix heap (Ahuja, Mehlhorn, Orlin, Tarjan
 * 1990) on the float bit patterns of the costs, with lazy invalidation: an entry records its two
 * vertices and the collapse sequence number at which it was pushed; the caller discards an entry
 * whose vertices changed after that.
 *
 * <p>A radix heap needs monotone keys: nothing may be pushed below the last key popped. Quadric
 * costs are (nearly) monotone: the entries pushed after a collapse price edges whose quadric is
 * the popped edge's plus another one, and summing quadrics cannot lower the minimum. Where the
 * placement fallbacks break that, the key is raised to the last popped key, so such an edge is
 * taken next rather than strictly in cost order. Non-negative floats order as their bit patterns,
 * so keys are those bits. Bucket b holds keys whose highest bit differing from the last popped key
 * is b − 1; a pop that finds bucket 0 empty redistributes the first non-empty bucket around its
 * minimum. NB: buckets are appended and scanned sequentially, which is what makes this faster than
 * a binary or 4-ary heap here: a decimation pops millions of entries, nine in ten of them stale,
 * from a queue far larger than the cache. Equal keys pop first-in first-out (bucket 0 is a queue). Not thread-safe.
 */
final class EdgeHeap {

    private static final int BUCKETS = 33;

    private final long[][] bucket = new long[BUCKETS][];
    private final int[] bucketSize = new int[BUCKETS];
    private int size;
    private int last;
    private int head;
    // NB: entry e is (first, second, pushedAt) at 3e..3e+2, one cache line for the stale check that
    // most pops end in.
    private int[] entry = new int[3 * 1024];
    private int entries;

    EdgeHeap() {
        for (int b = 0; b < BUCKETS; b++) {
            bucket[b] = new long[16];
        }
    }

    void clear() {
        Arrays.fill(bucketSize, 0);
        size = 0;
        head = 0;
        entries = 0;
        last = 0;
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
        int key = Math.max(Float.floatToIntBits(c), last);
        add(bucketOf(key), ((long) key << 32) | e);
        size++;
    }

    private int bucketOf(int key) {
        return key == last ? 0 : 32 - Integer.numberOfLeadingZeros(key ^ last);
    }

    private void add(int b, long item) {
        if (bucketSize[b] == bucket[b].length) {
            bucket[b] = Arrays.copyOf(bucket[b], bucketSize[b] * 2);
        }
        bucket[b][bucketSize[b]++] = item;
    }

    /** Removes an entry with the smallest key and returns its entry number. */
    int pop() {
        if (head == bucketSize[0]) {
            head = 0;
            bucketSize[0] = 0;
            int b = 1;
            while (bucketSize[b] == 0) {
                b++;
            }
            long[] items = bucket[b];
            int n = bucketSize[b];
            int min = Integer.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                min = Math.min(min, (int) (items[i] >>> 32));
            }
            last = min;
            bucketSize[b] = 0;
            for (int i = 0; i < n; i++) {
                long item = items[i];
                add(bucketOf((int) (item >>> 32)), item);
            }
        }
        size--;
        return (int) bucket[0][head++];
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
