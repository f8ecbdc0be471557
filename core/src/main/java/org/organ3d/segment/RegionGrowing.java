package org.organ3d.segment;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.joml.Vector3dc;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Volume;

/**
 * Connected-threshold region growing (as ITK's ConnectedThresholdImageFilter): the voxels with
 * {@code lower <= value <= upper} connected (6, 18 or 26) to at least one seed.
 *
 * <p>One breadth-first flood from all seeds at once (seeds in the order given, neighbours in
 * {@link Connectivity#offsets()} order), sequential and therefore deterministic. The in-range test
 * of a slice is computed once, when the flood first reaches it or a slice near it (batches of 9
 * slices in parallel, one {@link Volume#sliceValues} per slice), so a small region in a large study
 * touches few slices and a large one uses all cores for the tests; the flood itself is sequential. The queue holds voxel
 * positions as longs and grows as needed.
 *
 * <p>Leak guard: with a maximum volume (mm³) the flood stops as soon as one more voxel would
 * exceed it and the result says so ({@link Result#leakGuardHit()} and a warning). Because the
 * flood is breadth-first, the truncated region is the set of voxels nearest the seeds in steps.
 * The flood visits every voxel at most once: it always ends, with or without a guard.
 *
 * <p>Seeds outside the grid throw {@link SeedOutsideVolumeException}; seeds whose own value is out
 * of range start nothing and are named in a warning (an empty result says so too).
 */
public final class RegionGrowing {

    /** No volume limit. */
    public static final double NO_LIMIT = Double.POSITIVE_INFINITY;

    /**
     * A grown region.
     *
     * @param region        the region as a label map on the volume's geometry
     * @param voxels        voxels in the region
     * @param volumeMm3     its volume in mm³
     * @param range         the intensity range used (the last one for confidence connected)
     * @param leakGuardHit  true if the growth was stopped by the volume limit
     * @param warnings      human-readable warnings (unmodifiable)
     */
    public record Result(LabelMap region, long voxels, double volumeMm3, ThresholdRange range,
            boolean leakGuardHit, List<String> warnings) {
        public Result {
            warnings = List.copyOf(warnings);
        }
    }

    private RegionGrowing() {
    }

    /** Seeds at LPS positions (mm): nearest voxel of each, as {@link VoxelIndex#ofPatient}. */
    public static List<VoxelIndex> seedsFromLps(Volume volume, Collection<? extends Vector3dc> lps) {
        List<VoxelIndex> s = new ArrayList<>();
        for (Vector3dc p : lps) {
            s.add(VoxelIndex.ofPatient(volume.geometry(), volume.dimensions(), p));
        }
        return s;
    }

    /**
     * Connected threshold from {@code seeds} (voxel indices) with a leak guard of
     * {@code maxVolumeMm3} ({@link #NO_LIMIT} for none); the region holds {@code label}.
     */
    public static Result connectedThreshold(Volume volume, List<VoxelIndex> seeds, ThresholdRange range,
            Connectivity connectivity, double maxVolumeMm3, int label) {
        Masks.checkLabel(label);
        Flood f = flood(volume, seeds, range, connectivity, maxVolumeMm3);
        return f.result(volume, label);
    }

    /**
     * The region {@link #connectedThreshold} grows without a leak guard, from the components of the
     * threshold mask ({@code components} of {@code range} on {@code volume} with the growing's
     * connectivity): the union of the components holding a seed, with the same warnings (each seed
     * outside the range, in seed order; an empty region). Device backends compute the region this
     * way; the answer is the flood's, voxel for voxel.
     *
     * @throws SeedOutsideVolumeException if a seed is outside the grid
     */
    public static Result fromComponents(Volume volume, List<VoxelIndex> seeds, ThresholdRange range, Components components) {
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("region growing needs at least one seed");
        }
        Dimensions d = volume.dimensions();
        List<String> warnings = new ArrayList<>();
        boolean[] keep = new boolean[components.count() + 1];
        for (VoxelIndex s : seeds) {
            s.requireInside(d);
            int id = components.componentAt(s.i(), s.j(), s.k());
            if (id == 0) {
                warnings.add(String.format(Locale.ROOT, "seed (%d, %d, %d) has value %.6g, outside the range %s: ignored",
                        s.i(), s.j(), s.k(), volume.value(s.i(), s.j(), s.k()), range));
            }
            keep[id] = id > 0;
        }
        long count = 0;
        for (int id = 1; id < keep.length; id++) {
            count += keep[id] ? components.sizeVoxels(id) : 0;
        }
        byte[][] region = components.mask(id -> keep[id]);
        return new Flood(region, count, false, range, warnings).result(volume, 1);
    }

    /** Result of one flood, before it is turned into a label map. */
    static final class Flood {
        final byte[][] region;
        final long count;
        final boolean hit;
        final ThresholdRange range;
        final List<String> warnings;

        Flood(byte[][] region, long count, boolean hit, ThresholdRange range, List<String> warnings) {
            this.region = region;
            this.count = count;
            this.hit = hit;
            this.range = range;
            this.warnings = warnings;
        }

        Result result(Volume volume, int label) {
            Dimensions d = volume.dimensions();
            for (int k = 0; k < region.length; k++) {
                if (region[k] == null) {
                    region[k] = new byte[d.sliceSize()];
                }
            }
            LabelMap map = Masks.toLabelMap(region, d, volume.geometry(), label);
            List<String> w = new ArrayList<>(warnings);
            if (count == 0) {
                w.add("region growing found nothing: no seed lies in the range " + range);
            }
            return new Result(map, count, count * volume.geometry().voxelVolume(), range, hit, w);
        }
    }

    /**
     * The flood itself. Region slices never reached stay null. Package-private for
     * {@link ConfidenceConnected}.
     */
    static Flood flood(Volume volume, List<VoxelIndex> seeds, ThresholdRange range, Connectivity c, double maxVolumeMm3) {
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("region growing needs at least one seed");
        }
        if (!(maxVolumeMm3 > 0)) {
            throw new IllegalArgumentException("maximum volume must be > 0 mm³: " + maxVolumeMm3);
        }
        Dimensions d = volume.dimensions();
        for (VoxelIndex s : seeds) {
            s.requireInside(d);
        }
        double vv = volume.geometry().voxelVolume();
        long maxVoxels = Double.isInfinite(maxVolumeMm3) ? Long.MAX_VALUE : (long) Math.floor(maxVolumeMm3 / vv);
        int nx = d.nx();
        int ny = d.ny();
        int nz = d.nz();
        byte[][] inRange = new byte[nz][];
        byte[][] region = new byte[nz][];
        List<String> warnings = new ArrayList<>();
        LongQueue queue = new LongQueue();
        long count = 0;
        boolean hit = false;
        for (VoxelIndex s : seeds) {
            int x = d.offsetInSlice(s.i(), s.j());
            ensureSlice(volume, range, inRange, region, s.k());
            if (inRange[s.k()][x] == 0) {
                warnings.add(String.format(Locale.ROOT, "seed (%d, %d, %d) has value %.6g, outside the range %s: ignored",
                        s.i(), s.j(), s.k(), volume.value(s.i(), s.j(), s.k()), range));
                continue;
            }
            if (region[s.k()][x] != 0) {
                continue;
            }
            if (count >= maxVoxels) {
                hit = true;
                break;
            }
            region[s.k()][x] = 1;
            count++;
            queue.add(((long) s.k() << 32) | x);
        }
        int[][] off = c.offsetsShared();
        while (!hit && !queue.isEmpty()) {
            long e = queue.poll();
            int k = (int) (e >>> 32);
            int x = (int) e;
            int i = x % nx;
            int j = x / nx;
            for (int[] o : off) {
                int ii = i + o[0];
                int jj = j + o[1];
                int kk = k + o[2];
                if (ii < 0 || jj < 0 || kk < 0 || ii >= nx || jj >= ny || kk >= nz) {
                    continue;
                }
                if (inRange[kk] == null) {
                    ensureSlice(volume, range, inRange, region, kk);
                }
                int y = jj * nx + ii;
                if (inRange[kk][y] == 0 || region[kk][y] != 0) {
                    continue;
                }
                if (count >= maxVoxels) {
                    hit = true;
                    break;
                }
                region[kk][y] = 1;
                count++;
                queue.add(((long) kk << 32) | y);
            }
        }
        if (hit) {
            warnings.add(String.format(Locale.ROOT, "region growing stopped by the leak guard at %.1f mm³ (%d voxels, "
                    + "limit %.1f mm³): the range %s probably leaks into neighbouring tissue; narrow it or move the seed",
                    count * vv, count, maxVolumeMm3, range));
        }
        return new Flood(region, count, hit, range, warnings);
    }

    /** Slices computed at once around the one the flood first reaches (in parallel). */
    private static final int BATCH = 8;

    private static void ensureSlice(Volume v, ThresholdRange range, byte[][] inRange, byte[][] region, int k) {
        if (inRange[k] != null) {
            return;
        }
        int n = v.dimensions().sliceSize();
        double lo = range.lower();
        double hi = range.upper();
        int from = Math.max(0, k - BATCH / 2);
        int to = Math.min(inRange.length, k + BATCH / 2 + 1);
        // NB: a batch of neighbouring slices in parallel: a large region uses all cores for the
        // in-range tests, a small one computes few slices it does not need.
        IntStream.range(from, to).parallel().filter(s -> inRange[s] == null).forEach(s -> {
            float[] vals = v.sliceValues(s, null);
            byte[] r = new byte[n];
            for (int x = 0; x < n; x++) {
                double f = vals[x];
                r[x] = (byte) (f >= lo && f <= hi ? 1 : 0);
            }
            region[s] = new byte[n];
            inRange[s] = r;
        });
    }

    /** A growable FIFO ring of longs. */
    static final class LongQueue {
        private long[] a = new long[1 << 12];
        private int head;
        private int size;

        void add(long v) {
            if (size == a.length) {
                long[] b = new long[a.length * 2];
                for (int n = 0; n < size; n++) {
                    b[n] = a[(head + n) & (a.length - 1)];
                }
                a = b;
                head = 0;
            }
            a[(head + size) & (a.length - 1)] = v;
            size++;
        }

        long poll() {
            long v = a[head];
            head = (head + 1) & (a.length - 1);
            size--;
            return v;
        }

        boolean isEmpty() {
            return size == 0;
        }
    }
}
