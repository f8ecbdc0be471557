package org.organ3d.io.dicom.rtstruct;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.joml.Matrix4d;
import org.joml.Vector3d;
import org.organ3d.io.ImageFormatException;
import org.organ3d.io.ReadWarning;
import org.organ3d.io.ReadWarning.Kind;
import org.organ3d.io.dicom.ReferencedSeries;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.LabelInfo;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * Places the CLOSED_PLANAR contours of an RT Structure Set on an image grid as a label map.
 *
 * <p><b>Rule.</b> A voxel belongs to a ROI when its centre lies inside the ROI's contours on its
 * slice by the even-odd rule over <i>all</i> the ROI's contours on that plane: a point inside an
 * odd number of contours is inside. So a contour inside another is a hole (whatever the winding
 * either has), an island in a hole is inside again, and a keyhole contour (the hole joined to the
 * outline by a zero-width channel) fills as the solid minus the hole. Centres exactly on an edge
 * count as inside on the edge's left in i and the top in j (half-open scanline intervals
 * {@code x0 <= i < x1}, rows {@code y0 <= j < y1}), so two ROIs sharing an edge never both own a
 * voxel.
 *
 * <p><b>Planes.</b> A contour belongs to slice k when all its points lie, along the slice normal,
 * within 5 % of a slice spacing of slice k's position as read from the series (non-uniform and
 * gantry-tilted series included); within half a spacing it is placed on the nearest slice with a
 * warning; a contour whose points are not in one plane parallel to the slices (an oblique contour
 * on an axial series) is skipped with a warning. In-plane coordinates are measured from the slice's
 * own Image Position along its row and column directions.
 *
 * <p><b>Outside the grid.</b> Contours partly outside the image are clipped to it, contours wholly
 * outside (in-plane or beyond the first or last slice) are ignored; each case gives one warning
 * per ROI with the count. Nothing outside the grid is ever written, and no contour can stop the
 * read.
 *
 * <p><b>Labels.</b> ROI Number is the label value when every rasterised ROI's number is in
 * 1..65535 (else the ROIs are numbered 1..n in file order, with a warning). Where ROIs overlap (a
 * body outline around its organs, a PTV around its CTV) the voxel takes the larger label and a
 * warning gives the voxel count per pair; {@link #rasterize(RtStructureSet, ReferencedSeries,
 * java.util.Set)} rasterises chosen ROIs alone. POINT and OPEN_PLANAR contours stay in the
 * {@link RtStructureSet} (patient mm) and are reported, not drawn.
 *
 * <p>Slices are filled in parallel; stateless and thread-safe.
 */
public final class ContourRasterizer {

    /**
     * The label map of a structure set and what happened on the way.
     *
     * @param labels   one label per ROI with closed contours, named and coloured as the ROI
     * @param roiLabel label value of each rasterised ROI number
     * @param warnings per ROI: contours clipped, ignored, between slices, overlaps
     */
    public record Result(LabelMap labels, Map<Integer, Integer> roiLabel, List<ReadWarning> warnings) {
    }

    private ContourRasterizer() {
    }

    /** Rasterises every ROI onto {@code series}' grid. */
    public static Result rasterize(RtStructureSet set, ReferencedSeries series) throws ImageFormatException {
        return rasterize(set, series, null);
    }

    /**
     * Rasterises the ROIs numbered in {@code onlyRois} (all when null) onto {@code series}' grid.
     *
     * @throws ImageFormatException if the structure set or one of its ROIs lies in another Frame of
     *                              Reference than the series
     */
    public static Result rasterize(RtStructureSet set, ReferencedSeries series, java.util.Set<Integer> onlyRois)
            throws ImageFormatException {
        String forUid = series.frameOfReferenceUID();
        List<ReadWarning> warnings = new ArrayList<>();
        if (set.frameOfReferenceUID() != null && !set.frameOfReferenceUID().equals(forUid)) {
            throw new ImageFormatException(set.file(), -1, "the structure set's Frame of Reference " + set.frameOfReferenceUID()
                    + " is not the series' " + forUid + ": its contours are in another patient coordinate system");
        }
        for (RtRoi r : set.rois()) {
            if (r.frameOfReferenceUID() != null && !r.frameOfReferenceUID().equals(forUid)
                    && (onlyRois == null || onlyRois.contains(r.number()))) {
                throw new ImageFormatException(set.file(), -1, "ROI " + r.number() + " '" + r.name() + "' lies in Frame of "
                        + "Reference " + r.frameOfReferenceUID() + ", not the series' " + forUid);
            }
        }
        if (set.frameOfReferenceUID() == null) {
            warnings.add(new ReadWarning(Kind.ASSUMED_GEOMETRY, set.file(), "the structure set names no Frame of Reference: "
                    + "its contours are taken to be in the series'"));
        }
        List<double[]> positions = new ArrayList<>();
        for (int k = 0; k < series.dimensions().nz(); k++) {
            positions.add(series.slicePosition(k));
        }
        return rasterize(set, series.dimensions(), series.geometry(), positions, onlyRois, warnings);
    }

    /**
     * Rasterises onto any grid ({@code slicePositions}: the LPS position of voxel (0, 0, k) for each
     * k, or null for the affine's), without a Frame of Reference check.
     */
    public static Result rasterize(RtStructureSet set, Dimensions d, Geometry g, List<double[]> slicePositions,
            java.util.Set<Integer> onlyRois, List<ReadWarning> warningsSoFar) {
        List<ReadWarning> warnings = new ArrayList<>(warningsSoFar);
        Path file = set.file();
        Plane plane = new Plane(d, g, slicePositions);
        List<RtRoi> rois = new ArrayList<>();
        for (RtRoi r : set.rois()) {
            if (onlyRois != null && !onlyRois.contains(r.number())) {
                continue;
            }
            int other = r.contours().size() - r.contours("CLOSED_PLANAR").size();
            if (other > 0) {
                warnings.add(new ReadWarning(Kind.IGNORED_DATA, file, "ROI " + r.number() + " '" + r.name() + "': " + other
                        + " POINT or open contour(s) kept in patient coordinates, not drawn in the label map"));
            }
            if (!r.contours("CLOSED_PLANAR").isEmpty()) {
                rois.add(r);
            }
        }
        boolean ownNumbers = rois.stream().allMatch(r -> r.number() >= 1 && r.number() <= 65535);
        if (!ownNumbers) {
            warnings.add(new ReadWarning(Kind.LABELS, file, "ROI numbers outside 1..65535: label values are 1.." + rois.size()
                    + " in file order"));
        }
        Map<Integer, Integer> roiLabel = new TreeMap<>();
        for (int n = 0; n < rois.size(); n++) {
            roiLabel.put(rois.get(n).number(), ownNumbers ? rois.get(n).number() : n + 1);
        }
        int maxLabel = roiLabel.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        // per slice: the polygons of each ROI (label ascending), in index coordinates
        List<TreeMap<Integer, List<double[]>>> bySlice = new ArrayList<>();
        for (int k = 0; k < d.nz(); k++) {
            bySlice.add(new TreeMap<>());
        }
        for (RtRoi r : rois) {
            int label = roiLabel.get(r.number());
            int[] counts = new int[5];
            for (RtContour c : r.contours("CLOSED_PLANAR")) {
                int k = plane.place(c, counts);
                if (k >= 0) {
                    bySlice.get(k).computeIfAbsent(label, x -> new ArrayList<>()).add(plane.inPlane(c, k));
                }
            }
            String who = "ROI " + r.number() + " '" + r.name() + "': ";
            if (counts[Plane.CLIPPED] > 0) {
                warnings.add(new ReadWarning(Kind.IGNORED_DATA, file, who + counts[Plane.CLIPPED]
                        + " contour(s) extend beyond the image: clipped to it"));
            }
            if (counts[Plane.OUTSIDE] > 0) {
                warnings.add(new ReadWarning(Kind.IGNORED_DATA, file, who + counts[Plane.OUTSIDE]
                        + " contour(s) lie wholly outside the image: ignored"));
            }
            if (counts[Plane.BETWEEN] > 0) {
                warnings.add(new ReadWarning(Kind.INCONSISTENT_GEOMETRY, file, who + counts[Plane.BETWEEN]
                        + " contour(s) lie between slices: placed on the nearest"));
            }
            if (counts[Plane.TILTED] > 0) {
                warnings.add(new ReadWarning(Kind.INCONSISTENT_GEOMETRY, file, who + counts[Plane.TILTED]
                        + " contour(s) are not parallel to the slices: skipped"));
            }
        }
        VoxelType type = maxLabel > 255 ? VoxelType.UINT16 : VoxelType.UINT8;
        Volume.Builder b = LabelMap.builder(d, type, g).fillMissingWithZeros();
        Map<Long, AtomicLong> overlaps = new ConcurrentHashMap<>();
        IntStream.range(0, d.nz()).parallel().forEach(k -> {
            java.nio.Buffer slice = b.sliceForWriting(k);
            bySlice.get(k).forEach((label, polys) -> fill(polys, d, label, slice, overlaps));
        });
        new TreeMap<>(overlaps).forEach((pair, n) -> warnings.add(new ReadWarning(Kind.LABELS, file, "labels " + (pair >>> 32)
                + " and " + (pair & 0xFFFFFFFFL) + " overlap in " + n.get() + " voxel(s): the label map holds the larger label there")));
        Map<Integer, LabelInfo> infos = new TreeMap<>();
        for (RtRoi r : rois) {
            int label = roiLabel.get(r.number());
            infos.put(label, new LabelInfo(label, r.name().isBlank() ? "ROI " + r.number() : r.name(),
                    r.rgba() != 0 ? r.rgba() : LabelInfo.defaultColor(label)));
        }
        return new Result(new LabelMap(b.build(), infos), roiLabel, warnings);
    }

    /** Even-odd scanline fill of pixel centres inside {@code polys} (x, y pairs in index units). */
    static void fill(List<double[]> polys, Dimensions d, int label, java.nio.Buffer slice, Map<Long, AtomicLong> overlaps) {
        int edges = 0;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (double[] p : polys) {
            edges += p.length / 2;
            for (int q = 1; q < p.length; q += 2) {
                yMin = Math.min(yMin, p[q]);
                yMax = Math.max(yMax, p[q]);
            }
        }
        // edge table: xa, ya, xb, yb with ya < yb, sorted by ya
        double[][] e = new double[edges][];
        int m = 0;
        for (double[] p : polys) {
            int n = p.length / 2;
            for (int a = 0; a < n; a++) {
                int bIdx = (a + 1) % n;
                double xa = p[2 * a];
                double ya = p[2 * a + 1];
                double xb = p[2 * bIdx];
                double yb = p[2 * bIdx + 1];
                if (ya == yb) {
                    continue;
                }
                e[m++] = ya < yb ? new double[] {xa, ya, xb, yb} : new double[] {xb, yb, xa, ya};
            }
        }
        double[][] table = Arrays.copyOf(e, m);
        Arrays.sort(table, (u, v) -> Double.compare(u[1], v[1]));
        int j0 = Math.max(0, (int) Math.ceil(yMin));
        int j1 = Math.min(d.ny() - 1, (int) Math.ceil(yMax) - 1);
        List<double[]> active = new ArrayList<>();
        double[] xs = new double[Math.max(4, m)];
        int next = 0;
        for (int j = j0; j <= j1; j++) {
            while (next < table.length && table[next][1] <= j) {
                active.add(table[next++]);
            }
            int nx = 0;
            for (int a = active.size() - 1; a >= 0; a--) {
                double[] s = active.get(a);
                if (s[3] <= j) {
                    active.remove(a);
                } else if (s[1] <= j) {
                    xs[nx++] = s[0] + (j - s[1]) * (s[2] - s[0]) / (s[3] - s[1]);
                }
            }
            Arrays.sort(xs, 0, nx);
            for (int c = 0; c + 1 < nx; c += 2) {
                int i0 = Math.max(0, (int) Math.ceil(xs[c]));
                int i1 = Math.min(d.nx(), (int) Math.ceil(xs[c + 1]));
                for (int i = i0; i < i1; i++) {
                    set(slice, j * d.nx() + i, label, overlaps);
                }
            }
        }
    }

    private static void set(java.nio.Buffer slice, int p, int label, Map<Long, AtomicLong> overlaps) {
        int old = slice instanceof java.nio.ByteBuffer bs ? bs.get(p) & 0xFF : ((java.nio.ShortBuffer) slice).get(p) & 0xFFFF;
        int v = label;
        if (old != 0 && old != label) {
            overlaps.computeIfAbsent(((long) Math.min(old, label) << 32) | Math.max(old, label), x -> new AtomicLong())
                    .incrementAndGet();
            v = Math.max(old, label);
        }
        if (slice instanceof java.nio.ByteBuffer bs) {
            bs.put(p, (byte) v);
        } else {
            ((java.nio.ShortBuffer) slice).put(p, (short) v);
        }
    }

    /** Where contour points fall relative to the slices. */
    private static final class Plane {
        static final int CLIPPED = 0;
        static final int OUTSIDE = 1;
        static final int BETWEEN = 2;
        static final int TILTED = 3;

        private final Dimensions d;
        private final double[][] pos;
        private final double[] sliceD;
        private final Vector3d row;
        private final Vector3d col;
        private final Vector3d normal;
        private final double si;
        private final double sj;
        private final double sk;

        Plane(Dimensions d, Geometry g, List<double[]> slicePositions) {
            this.d = d;
            Matrix4d a = g.indexToLps();
            this.row = a.getColumn(0, new Vector3d()).normalize();
            this.col = a.getColumn(1, new Vector3d()).normalize();
            this.normal = new Vector3d(row).cross(col).normalize();
            this.si = g.spacing().x;
            this.sj = g.spacing().y;
            this.sk = g.sliceThicknessAlongNormal();
            this.pos = new double[d.nz()][];
            this.sliceD = new double[d.nz()];
            for (int k = 0; k < d.nz(); k++) {
                Vector3d p = g.indexToPatient(0, 0, k);
                pos[k] = slicePositions != null ? slicePositions.get(k) : new double[] {p.x, p.y, p.z};
                sliceD[k] = pos[k][0] * normal.x + pos[k][1] * normal.y + pos[k][2] * normal.z;
            }
        }

        /** Slice k of the contour, or −1 (counted in {@code counts}). */
        int place(RtContour c, int[] counts) {
            double[] p = c.points();
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int q = 0; q < p.length; q += 3) {
                double dd = p[q] * normal.x + p[q + 1] * normal.y + p[q + 2] * normal.z;
                lo = Math.min(lo, dd);
                hi = Math.max(hi, dd);
            }
            if (hi - lo > 0.1 * sk + 1e-3) {
                counts[TILTED]++;
                return -1;
            }
            double mid = 0.5 * (lo + hi);
            boolean ascending = sliceD.length < 2 || sliceD[sliceD.length - 1] >= sliceD[0];
            int k = nearest(mid, ascending);
            double off = Math.abs(sliceD[k] - mid);
            if (off > 0.5 * sk) {
                counts[OUTSIDE]++;
                return -1;
            }
            if (off > 0.05 * sk + 1e-4) {
                counts[BETWEEN]++;
            }
            double[] ij = inPlane(c, k);
            double minX = Double.POSITIVE_INFINITY;
            double maxX = Double.NEGATIVE_INFINITY;
            double minY = Double.POSITIVE_INFINITY;
            double maxY = Double.NEGATIVE_INFINITY;
            for (int q = 0; q < ij.length; q += 2) {
                minX = Math.min(minX, ij[q]);
                maxX = Math.max(maxX, ij[q]);
                minY = Math.min(minY, ij[q + 1]);
                maxY = Math.max(maxY, ij[q + 1]);
            }
            if (maxX < -0.5 || maxY < -0.5 || minX > d.nx() - 0.5 || minY > d.ny() - 0.5) {
                counts[OUTSIDE]++;
                return -1;
            }
            if (minX < -0.5 || minY < -0.5 || maxX > d.nx() - 0.5 || maxY > d.ny() - 0.5) {
                counts[CLIPPED]++;
            }
            return k;
        }

        private int nearest(double v, boolean ascending) {
            int lo = 0;
            int hi = sliceD.length - 1;
            while (hi - lo > 1) {
                int m = (lo + hi) >>> 1;
                if ((sliceD[m] <= v) == ascending) {
                    lo = m;
                } else {
                    hi = m;
                }
            }
            return Math.abs(sliceD[lo] - v) <= Math.abs(sliceD[hi] - v) ? lo : hi;
        }

        /** The contour's points as (i, j) index coordinates on slice k. */
        double[] inPlane(RtContour c, int k) {
            double[] p = c.points();
            double[] o = pos[k];
            double[] out = new double[p.length / 3 * 2];
            for (int q = 0, w = 0; q < p.length; q += 3) {
                double dx = p[q] - o[0];
                double dy = p[q + 1] - o[1];
                double dz = p[q + 2] - o[2];
                out[w++] = (dx * row.x + dy * row.y + dz * row.z) / si;
                out[w++] = (dx * col.x + dy * col.y + dz * col.z) / sj;
            }
            return out;
        }
    }
}
