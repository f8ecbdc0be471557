package org.organ3d.screen;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.organ3d.segment.VoxelIndex;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Volume;

/**
 * Finds the trachea: going down from the most superior slice that holds internal air, the first
 * slice with an air region (4-connected, in-plane) of 40–1500 mm² whose pixels fill at least 55 %
 * of their bounding box (round, not a lung apex crescent), nearest to the middle of the body's air
 * in x. Its darkest voxels (below −975 HU, at most 256) are the seeds of the airway growing.
 * Looks at most 40 % of the way down. Caveat: a scan that starts below the carina has no trachea
 * in view; then nothing is found and the airways are kept in the lung fields.
 */
final class TracheaSeed {

    private static final double MIN_MM2 = 40;
    private static final double MAX_MM2 = 1500;

    private TracheaSeed() {
    }

    static List<VoxelIndex> find(Volume ct, byte[][] air) {
        Dimensions d = ct.dimensions();
        boolean kUp = ct.geometry().indexToPatient(0, 0, d.nz() - 1).z > ct.geometry().indexToPatient(0, 0, 0).z;
        var sp = ct.geometry().spacing();
        double pixel = sp.x * sp.y;
        int limit = (int) Math.ceil(0.4 * d.nz());
        boolean seenAir = false;
        for (int n = 0; n < limit; n++) {
            int k = kUp ? d.nz() - 1 - n : n;
            byte[] a = air[k];
            List<int[]> regions = regions(a, d);
            if (regions.isEmpty()) {
                if (seenAir) {
                    break;
                }
                continue;
            }
            seenAir = true;
            double midX = 0;
            long all = 0;
            for (int[] r : regions) {
                for (int p = 1; p < r.length; p++) {
                    midX += r[p] % d.nx();
                }
                all += r.length - 1;
            }
            midX /= all;
            int[] best = null;
            double bestDx = Double.POSITIVE_INFINITY;
            for (int[] r : regions) {
                int count = r.length - 1;
                double area = count * pixel;
                if (area < MIN_MM2 || area > MAX_MM2) {
                    continue;
                }
                int i0 = Integer.MAX_VALUE;
                int i1 = -1;
                int j0 = Integer.MAX_VALUE;
                int j1 = -1;
                double cx = 0;
                for (int p = 1; p < r.length; p++) {
                    int i = r[p] % d.nx();
                    int j = r[p] / d.nx();
                    i0 = Math.min(i0, i);
                    i1 = Math.max(i1, i);
                    j0 = Math.min(j0, j);
                    j1 = Math.max(j1, j);
                    cx += i;
                }
                double fill = count / (double) ((i1 - i0 + 1) * (j1 - j0 + 1));
                double dx = Math.abs(cx / count - midX);
                if (fill >= 0.55 && dx < bestDx) {
                    bestDx = dx;
                    best = r;
                }
            }
            if (best != null) {
                return seeds(ct, best, k, d);
            }
        }
        return List.of();
    }

    private static List<VoxelIndex> seeds(Volume ct, int[] region, int k, Dimensions d) {
        float[] v = ct.sliceValues(k, null);
        List<VoxelIndex> out = new ArrayList<>();
        for (int p = 1; p < region.length && out.size() < 256; p++) {
            int x = region[p];
            if (v[x] < -975) {
                out.add(new VoxelIndex(x % d.nx(), x / d.nx(), k));
            }
        }
        return out;
    }

    /** 4-connected regions of a slice: each as {size, offsets...} (first element unused). */
    private static List<int[]> regions(byte[] a, Dimensions d) {
        int nx = d.nx();
        int ny = d.ny();
        boolean[] seen = new boolean[a.length];
        List<int[]> out = new ArrayList<>();
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int s = 0; s < a.length; s++) {
            if (a[s] == 0 || seen[s]) {
                continue;
            }
            List<Integer> members = new ArrayList<>();
            seen[s] = true;
            queue.add(s);
            while (!queue.isEmpty()) {
                int x = queue.poll();
                members.add(x);
                int i = x % nx;
                int j = x / nx;
                int[] nb = {i > 0 ? x - 1 : -1, i < nx - 1 ? x + 1 : -1, j > 0 ? x - nx : -1, j < ny - 1 ? x + nx : -1};
                for (int y : nb) {
                    if (y >= 0 && a[y] != 0 && !seen[y]) {
                        seen[y] = true;
                        queue.add(y);
                    }
                }
            }
            int[] r = new int[members.size() + 1];
            r[0] = members.size();
            for (int m = 0; m < members.size(); m++) {
                r[m + 1] = members.get(m);
            }
            out.add(r);
        }
        return out;
    }
}
