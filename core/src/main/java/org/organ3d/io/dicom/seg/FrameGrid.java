package org.organ3d.io.dicom.seg;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.joml.Matrix4d;
import org.joml.Vector4d;
import org.organ3d.io.ImageFormatException;
import org.organ3d.io.dicom.ReferencedSeries;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;

/**
 * Places the frames of a SEG on a grid of slices: the referenced series' grid, or (without it) a
 * grid rebuilt from the frames' own positions.
 *
 * <p><b>Referenced grid.</b> A frame belongs to slice k when its Image Position (Patient) is the
 * position of slice k as read from the series, within 5 % of the pixel spacing in-plane and 5 % of
 * the slice spacing along the normal, and its orientation, size and pixel spacing are the series'
 * (cosines within 1e-3, spacing within 0.1 %). Anything else is a frame that does not fit, and
 * reading fails naming it: a SEG drawn on another grid must not be silently shifted.
 *
 * <p><b>Own grid.</b> Without the series, the slices run from the lowest to the highest frame
 * position along the normal, spaced by Spacing Between Slices (shared Pixel Measures) or else the
 * smallest gap between frame positions; every frame must lie on that lattice (within 5 %). Empty
 * slices at either end of the original series cannot be known and are not there.
 */
final class FrameGrid {

    /** A frame's plane: position (LPS mm) and six direction cosines. */
    record Plane(double[] position, double[] orientation) {
    }

    final Dimensions dimensions;
    final Geometry geometry;
    final boolean referenced;
    private final double[] sliceD;
    private final double[] origin0;
    private final double[] row;
    private final double[] col;
    private final double[] normal;
    private final double spacingI;
    private final double spacingJ;
    private final double spacingK;
    private final List<double[]> slicePositions;

    private FrameGrid(Dimensions d, Geometry g, boolean referenced, List<double[]> slicePositions, double[] orientation,
            double spacingI, double spacingJ, double spacingK) {
        this.dimensions = d;
        this.geometry = g;
        this.referenced = referenced;
        this.slicePositions = slicePositions;
        this.row = unit(orientation, 0);
        this.col = unit(orientation, 3);
        this.normal = unit(new double[] {row[1] * col[2] - row[2] * col[1], row[2] * col[0] - row[0] * col[2],
            row[0] * col[1] - row[1] * col[0]}, 0);
        this.spacingI = spacingI;
        this.spacingJ = spacingJ;
        this.spacingK = spacingK;
        this.sliceD = new double[slicePositions.size()];
        for (int k = 0; k < sliceD.length; k++) {
            sliceD[k] = dot(slicePositions.get(k), normal);
        }
        this.origin0 = slicePositions.get(0);
    }

    /** The referenced series' grid; checks size and pixel spacing of the SEG against it. */
    static FrameGrid referenced(ReferencedSeries ref, int rows, int columns, double[] pixelSpacing, Path file)
            throws ImageFormatException {
        Dimensions d = ref.dimensions();
        if (rows != d.ny() || columns != d.nx()) {
            throw new ImageFormatException(file, -1, "the SEG's frames are " + columns + "x" + rows + " but the referenced "
                    + "series " + ref.seriesInstanceUID() + " has " + d.nx() + "x" + d.ny() + " images: the frames do not fit "
                    + "the referenced grid");
        }
        Geometry g = ref.geometry();
        double si = g.spacing().x;
        double sj = g.spacing().y;
        if (pixelSpacing != null && (Math.abs(pixelSpacing[1] - si) > 1e-3 * si || Math.abs(pixelSpacing[0] - sj) > 1e-3 * sj)) {
            throw new ImageFormatException(file, -1, String.format(Locale.ROOT, "the SEG's pixel spacing %.4f\\%.4f mm differs "
                    + "from the referenced series' %.4f\\%.4f mm: the frames do not fit the referenced grid",
                    pixelSpacing[0], pixelSpacing[1], sj, si));
        }
        Matrix4d a = g.indexToLps();
        double[] o = {a.m00() / si, a.m01() / si, a.m02() / si, a.m10() / sj, a.m11() / sj, a.m12() / sj};
        java.util.List<double[]> pos = new java.util.ArrayList<>();
        for (int k = 0; k < d.nz(); k++) {
            pos.add(ref.slicePosition(k));
        }
        return new FrameGrid(d, g, true, pos, o, si, sj, g.sliceThicknessAlongNormal());
    }

    /** A grid rebuilt from the frames' planes (no referenced series). */
    static FrameGrid own(List<Plane> planes, int rows, int columns, double[] pixelSpacing, double spacingBetween, Path file)
            throws ImageFormatException {
        if (planes.isEmpty()) {
            throw new ImageFormatException(file, -1, "the SEG has no frames, so it has no grid of its own; give the "
                    + "referenced series");
        }
        double[] o = planes.get(0).orientation();
        // NB: every frame's position is needed below, not only the first (a fuzzed SEG dropped one)
        if (o == null || planes.stream().anyMatch(p -> p.position() == null) || pixelSpacing == null) {
            throw new ImageFormatException(file, -1, "the SEG's frames lack Plane Position, Plane Orientation or Pixel "
                    + "Spacing, so its grid cannot be rebuilt; give the referenced series");
        }
        double[] r;
        double[] c;
        double[] n;
        try {
            r = unit(o, 0);
            c = unit(o, 3);
            n = unit(new double[] {r[1] * c[2] - r[2] * c[1], r[2] * c[0] - r[0] * c[2], r[0] * c[1] - r[1] * c[0]}, 0);
        } catch (IllegalArgumentException e) {
            throw new ImageFormatException(file, -1, "the SEG's Plane Orientation has a zero or parallel row and column "
                    + "direction, so its grid cannot be rebuilt; give the referenced series");
        }
        double[] ds = planes.stream().mapToDouble(p -> dot(p.position(), n)).sorted().distinct().toArray();
        double min = ds[0];
        double step = spacingBetween;
        if (!(step > 0)) {
            step = Double.POSITIVE_INFINITY;
            for (int i = 1; i < ds.length; i++) {
                if (ds[i] - ds[i - 1] > 1e-4) {
                    step = Math.min(step, ds[i] - ds[i - 1]);
                }
            }
            if (!Double.isFinite(step)) {
                step = 1.0;
            }
        }
        long nz = Math.round((ds[ds.length - 1] - min) / step) + 1;
        if (nz > Dimensions.MAX_EXTENT) {
            throw new ImageFormatException(file, -1, "the SEG's frame positions span " + nz + " slices of " + step
                    + " mm: no plausible grid; give the referenced series");
        }
        double[] first = planes.stream().filter(p -> Math.abs(dot(p.position(), n) - min) < 1e-6).findFirst()
                .orElseThrow().position();
        java.util.List<double[]> pos = new java.util.ArrayList<>();
        for (int k = 0; k < nz; k++) {
            pos.add(new double[] {first[0] + k * step * n[0], first[1] + k * step * n[1], first[2] + k * step * n[2]});
        }
        double si = pixelSpacing[1];
        double sj = pixelSpacing[0];
        Matrix4d m = new Matrix4d();
        m.setColumn(0, new Vector4d(r[0] * si, r[1] * si, r[2] * si, 0));
        m.setColumn(1, new Vector4d(c[0] * sj, c[1] * sj, c[2] * sj, 0));
        m.setColumn(2, new Vector4d(n[0] * step, n[1] * step, n[2] * step, 0));
        m.setColumn(3, new Vector4d(first[0], first[1], first[2], 1));
        Dimensions d = new Dimensions(columns, rows, (int) nz);
        return new FrameGrid(d, Geometry.fromAffine(m), false, pos, o, si, sj, step);
    }

    /**
     * Slice index of a frame's plane, or throws naming the frame when it does not fit.
     *
     * @param frame the frame in words for the message, e.g. "frame 12 (segment 3)"
     */
    int sliceOf(Plane p, String frame, Path file) throws ImageFormatException {
        if (p.position() == null) {
            throw new ImageFormatException(file, -1, frame + " has no Plane Position (Patient)");
        }
        if (p.orientation() != null) {
            double[] r = unit(p.orientation(), 0);
            double[] c = unit(p.orientation(), 3);
            for (int i = 0; i < 3; i++) {
                if (Math.abs(r[i] - row[i]) > 1e-3 || Math.abs(c[i] - col[i]) > 1e-3) {
                    throw new ImageFormatException(file, -1, frame + " is oriented "
                            + Arrays.toString(p.orientation()) + ", not as the " + what() + ": the frames do not fit the grid");
                }
            }
        }
        double d = dot(p.position(), normal);
        int k = Arrays.binarySearch(sliceD, d);
        if (k < 0) {
            int ins = -k - 1;
            k = ins == 0 ? 0 : ins >= sliceD.length ? sliceD.length - 1
                    : Math.abs(sliceD[ins] - d) < Math.abs(sliceD[ins - 1] - d) ? ins : ins - 1;
        }
        double off = Math.abs(sliceD[k] - d);
        double[] s = slicePositions.get(k);
        double[] delta = {p.position()[0] - s[0], p.position()[1] - s[1], p.position()[2] - s[2]};
        double di = Math.abs(dot(delta, row));
        double dj = Math.abs(dot(delta, col));
        if (off > 0.05 * spacingK + 1e-4 || di > 0.05 * spacingI + 1e-4 || dj > 0.05 * spacingJ + 1e-4) {
            throw new ImageFormatException(file, -1, String.format(Locale.ROOT, "%s at (%.3f, %.3f, %.3f) mm is %.3f mm "
                    + "off slice %d of the %s along the normal and (%.3f, %.3f) mm in-plane: the frames do not fit the grid",
                    frame, p.position()[0], p.position()[1], p.position()[2], off, k, what(), di, dj));
        }
        return k;
    }

    private String what() {
        return referenced ? "referenced series" : "SEG's own frame grid";
    }

    private static double[] unit(double[] v, int at) {
        double n = Math.sqrt(v[at] * v[at] + v[at + 1] * v[at + 1] + v[at + 2] * v[at + 2]);
        if (!(n > 1e-9)) {
            throw new IllegalArgumentException("zero direction vector");
        }
        return new double[] {v[at] / n, v[at + 1] / n, v[at + 2] / n};
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }
}
