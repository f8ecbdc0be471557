package org.organ3d.io.dicom;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.joml.Matrix4d;
import org.joml.Vector4d;
import org.organ3d.io.ReadWarning.Kind;
import org.organ3d.io.ReadWarning;
import org.organ3d.volume.Geometry;

/**
 * Orders the frames of one image stack in patient space and builds its index→LPS affine.
 *
 * <p><b>Order.</b> Frames are sorted by the projection of Image Position (Patient) on the slice
 * normal n = row × column (PS3.3 C.7.6.2.1.1), never by Instance Number or file name; Instance Number
 * only breaks exact ties. Frames at the same position (within {@value #DUPLICATE_MM} mm) are
 * duplicates: the first is kept and a warning says how many were dropped. Only when no frame has a
 * position is Instance Number used, with a warning.
 *
 * <p><b>Affine.</b> Columns i and j are the row and column direction cosines times the column and
 * row spacing (Pixel Spacing is row spacing first). Column k is (P_last − P_first) / (n − 1), the
 * mean step between consecutive positions: exact for uniformly spaced stacks, oblique ones included.
 * For a gantry-tilted stack the positions shift in-plane from slice to slice; column k then has an
 * in-plane component and the affine is <i>sheared</i>: still exact for every voxel (organ3d does not
 * resample), {@link Geometry#isOrthogonal()} is false and a warning gives the tilt angle. A single
 * slice uses Spacing Between Slices, else Slice Thickness, else 1 mm along n.
 *
 * <p><b>Warnings.</b> Non-uniform spacing (a gap differing from the mean by more than 1 % and 0.01 mm:
 * the affine then places slices at the mean step, up to the reported error), missing slices (a gap of
 * 1.5 or more times the smallest gap), duplicated positions, gantry tilt, positions off the line
 * of the stack, and missing position/orientation/spacing (defaults assumed).
 */
public final class SeriesGeometry {

    /** Positions closer than this along the normal are duplicates (mm). */
    public static final double DUPLICATE_MM = 1e-3;

    /**
     * The result.
     *
     * @param frames   the frames in slice order (duplicates removed)
     * @param geometry the index→LPS affine
     * @param warnings what was odd, each naming the source
     */
    public record Stack(List<FrameHeader> frames, Geometry geometry, List<ReadWarning> warnings) {
    }

    private SeriesGeometry() {
    }

    /**
     * Orders {@code frames} (all the same size and orientation) and builds their geometry.
     *
     * @param source the file or folder read, named in the warnings
     */
    public static Stack assemble(Path source, List<FrameHeader> frames) {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("no frames");
        }
        List<ReadWarning> warnings = new ArrayList<>();
        FrameHeader first = frames.get(0);
        double[] o = first.orientation();
        if (o == null) {
            o = new double[] {1, 0, 0, 0, 1, 0};
            warnings.add(new ReadWarning(Kind.ASSUMED_GEOMETRY, source,
                    "no Image Orientation (Patient): axial orientation assumed"));
        }
        double[] r = FrameHeader.unit(o[0], o[1], o[2]);
        double[] c = FrameHeader.unit(o[3], o[4], o[5]);
        if (Math.abs(FrameHeader.dot(r, c)) > 1e-4) {
            warnings.add(new ReadWarning(Kind.INCONSISTENT_GEOMETRY, source,
                    String.format(Locale.ROOT, "row and column directions are not perpendicular (cosine %.2g)",
                    FrameHeader.dot(r, c))));
        }
        double[] n = FrameHeader.normal(o);
        double[] ps = first.pixelSpacing();
        if (ps == null || !(ps[0] > 0) || !(ps[1] > 0)) {
            ps = new double[] {1, 1};
            warnings.add(new ReadWarning(Kind.ASSUMED_GEOMETRY, source, "no Pixel Spacing: 1 mm assumed"));
        }
        boolean havePositions = frames.stream().allMatch(f -> f.position() != null);
        List<FrameHeader> sorted = new ArrayList<>(frames);
        double[] d;
        if (havePositions) {
            sorted.sort(Comparator.<FrameHeader>comparingDouble(f -> FrameHeader.dot(f.position(), n))
                    .thenComparingInt(FrameHeader::instanceNumber).thenComparingInt(FrameHeader::frame));
            List<FrameHeader> unique = new ArrayList<>();
            int dropped = 0;
            for (FrameHeader f : sorted) {
                if (!unique.isEmpty() && Math.abs(FrameHeader.dot(f.position(), n)
                        - FrameHeader.dot(unique.get(unique.size() - 1).position(), n)) < DUPLICATE_MM) {
                    dropped++;
                    continue;
                }
                unique.add(f);
            }
            if (dropped > 0) {
                warnings.add(new ReadWarning(Kind.DUPLICATE_SLICES, source,
                        dropped + " image(s) duplicate the position of another and were dropped (first kept)"));
            }
            sorted = unique;
            d = new double[sorted.size()];
            for (int k = 0; k < d.length; k++) {
                d[k] = FrameHeader.dot(sorted.get(k).position(), n);
            }
        } else {
            sorted.sort(Comparator.comparingInt(FrameHeader::instanceNumber).thenComparingInt(FrameHeader::frame));
            warnings.add(new ReadWarning(Kind.ASSUMED_GEOMETRY, source,
                    "no Image Position (Patient) on some images: slices ordered by Instance Number and spaced by slice thickness"));
            d = null;
        }
        int nz = sorted.size();
        double[] p0 = havePositions ? sorted.get(0).position() : new double[3];
        double[] kStep;
        if (nz == 1 || !havePositions) {
            boolean known = Double.isFinite(first.spacingBetween()) || Double.isFinite(first.sliceThickness());
            double s = Double.isFinite(first.spacingBetween()) ? first.spacingBetween()
                    : Double.isFinite(first.sliceThickness()) ? first.sliceThickness() : 1.0;
            if (!known) {
                warnings.add(new ReadWarning(Kind.ASSUMED_GEOMETRY, source,
                        "no Spacing Between Slices or Slice Thickness: 1 mm slice spacing assumed"));
            }
            kStep = new double[] {n[0] * s, n[1] * s, n[2] * s};
        } else {
            double[] pl = sorted.get(nz - 1).position();
            kStep = new double[] {(pl[0] - p0[0]) / (nz - 1), (pl[1] - p0[1]) / (nz - 1), (pl[2] - p0[2]) / (nz - 1)};
            checkSpacing(source, d, sorted, p0, kStep, warnings);
            double along = FrameHeader.dot(kStep, n);
            double len = Math.sqrt(FrameHeader.dot(kStep, kStep));
            double angle = Math.toDegrees(Math.acos(Math.min(1, Math.abs(along) / len)));
            if (angle > 0.01) {
                warnings.add(new ReadWarning(Kind.GANTRY_TILT, source,
                        String.format(Locale.ROOT, "gantry tilt: slices shift in-plane by %.3f mm per slice "
                        + "(%.2f degrees%s); the index->LPS affine is sheared and exact (no resampling)",
                        len * Math.sin(Math.toRadians(angle)), angle,
                        first.gantryTilt() != 0 ? String.format(Locale.ROOT, ", Gantry/Detector Tilt %.2f", first.gantryTilt()) : "")));
            }
        }
        Matrix4d m = new Matrix4d();
        m.setColumn(0, new Vector4d(r[0] * ps[1], r[1] * ps[1], r[2] * ps[1], 0));
        m.setColumn(1, new Vector4d(c[0] * ps[0], c[1] * ps[0], c[2] * ps[0], 0));
        m.setColumn(2, new Vector4d(kStep[0], kStep[1], kStep[2], 0));
        m.setColumn(3, new Vector4d(p0[0], p0[1], p0[2], 1));
        if (!havePositions) {
            warnings.add(new ReadWarning(Kind.ASSUMED_GEOMETRY, source,
                    "no Image Position (Patient): the first slice is placed at the origin"));
        }
        return new Stack(List.copyOf(sorted), Geometry.fromAffine(m), warnings);
    }

    private static void checkSpacing(Path source, double[] d, List<FrameHeader> sorted, double[] p0, double[] kStep,
            List<ReadWarning> warnings) {
        int nz = d.length;
        double mean = (d[nz - 1] - d[0]) / (nz - 1);
        double minGap = Double.POSITIVE_INFINITY;
        double maxGap = 0;
        for (int k = 0; k + 1 < nz; k++) {
            double g = d[k + 1] - d[k];
            minGap = Math.min(minGap, g);
            maxGap = Math.max(maxGap, g);
        }
        double tol = Math.max(0.01, 0.01 * mean);
        if (maxGap - mean > tol || mean - minGap > tol) {
            warnings.add(new ReadWarning(Kind.UNEVEN_SPACING, source,
                    String.format(Locale.ROOT, "non-uniform slice spacing: gaps from %.4f to %.4f mm (mean %.4f mm); "
                    + "slices are placed at the mean spacing", minGap, maxGap, mean)));
            int missing = 0;
            for (int k = 0; k + 1 < nz; k++) {
                double g = d[k + 1] - d[k];
                if (g >= 1.5 * minGap) {
                    missing += (int) Math.round(g / minGap) - 1;
                }
            }
            if (missing > 0) {
                warnings.add(new ReadWarning(Kind.MISSING_SLICES, source,
                        "missing slices: about " + missing + " slice(s) missing (gaps of 1.5x or more the smallest spacing "
                        + String.format(Locale.ROOT, "%.4f mm)", minGap)));
            }
        }
        double worst = 0;
        for (int k = 0; k < nz; k++) {
            double[] p = sorted.get(k).position();
            double dx = p[0] - (p0[0] + k * kStep[0]);
            double dy = p[1] - (p0[1] + k * kStep[1]);
            double dz = p[2] - (p0[2] + k * kStep[2]);
            worst = Math.max(worst, Math.sqrt(dx * dx + dy * dy + dz * dz));
        }
        if (worst > tol) {
            warnings.add(new ReadWarning(Kind.POSITION_DEVIATION, source,
                    String.format(Locale.ROOT, "slice positions deviate from the affine by up to %.4f mm", worst)));
        }
    }
}
