package org.organ3d.io.dicom;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.organ3d.volume.Rescale;

/**
 * What series assembly needs to know about one frame (one slice) of a file: identity, plane
 * geometry, pixel module and rescale. Single-frame files give one; enhanced multi-frame files give
 * one per frame from the shared and per-frame functional groups (PS3.3 C.7.6.16): Plane Position,
 * Plane Orientation, Pixel Measures and Pixel Value Transformation, the per-frame item winning over
 * the shared one; classic multi-frame files (e.g. RT Dose, NM) place frame f at Image Position +
 * offset × normal, the offset from Grid Frame Offset Vector or f × Spacing Between Slices.
 *
 * @param file             the file
 * @param frame            0-based frame index inside the file
 * @param seriesUID        Series Instance UID ("" when absent)
 * @param modality         Modality or null
 * @param transferSyntax   transfer syntax UID of the file
 * @param pixels           the file's pixel module
 * @param position         Image Position (Patient), LPS mm, or null when absent
 * @param orientation      Image Orientation (Patient), six direction cosines, or null when absent
 * @param pixelSpacing     Pixel Spacing (row spacing, column spacing) in mm, or null when absent
 * @param sliceThickness   Slice Thickness in mm, or NaN
 * @param spacingBetween   Spacing Between Slices in mm, or NaN
 * @param rescale          rescale slope/intercept of this frame (identity when absent)
 * @param echo             echo key (Echo Numbers or effective echo time), "" when absent
 * @param temporal         temporal key (Temporal Position Identifier / Index), "" when absent
 * @param stack            Stack ID of enhanced files, "" when absent
 * @param instanceNumber   Instance Number (only a tie-breaker and fallback), or Integer.MIN_VALUE
 * @param gantryTilt       Gantry/Detector Tilt in degrees, or 0
 * @param sopClassUID      SOP Class UID of the file ("" when absent)
 * @param sopInstanceUID   SOP Instance UID of the file ("" when absent); with {@code frame} it names
 *                         the frame for references from SEG, RTSTRUCT and SR
 */
public record FrameHeader(Path file, int frame, String seriesUID, String modality, String transferSyntax,
        PixelModule pixels, double[] position, double[] orientation, double[] pixelSpacing, double sliceThickness,
        double spacingBetween, Rescale rescale, String echo, String temporal, String stack, int instanceNumber,
        double gantryTilt, String sopClassUID, String sopInstanceUID) {

    /**
     * Shortest spacing or thickness taken from a header (mm); shorter values (down to zero, and
     * absurd ones such as 1e-200 that would make the affine singular) are treated as absent. Whole
     * slide images go down to about 2.5e-4 mm.
     */
    public static final double MIN_MM = 1e-6;
    /** Longest spacing or thickness taken from a header (mm); longer ones are treated as absent. */
    public static final double MAX_MM = 1e6;

    /**
     * The frames of a parsed file (header-only parses are enough).
     *
     * @throws DicomParseException if the pixel module is absent or invalid, the native pixel data
     *                             are shorter than the frames need, or a number is malformed
     */
    public static List<FrameHeader> of(DicomFile df) throws DicomParseException {
        Attributes ds = df.dataset();
        Path file = df.file();
        PixelModule pm = PixelModule.of(ds, file);
        if (df.pixelLength() >= 0 && df.pixelLength() < pm.frameBytes() * pm.frames()) {
            throw new DicomParseException(file, ds.get(pm.pixelTag()).offset(), "pixel data has " + df.pixelLength()
                    + " bytes but " + pm.frames() + " frame(s) of " + pm.rows() + "x" + pm.columns() + " need "
                    + pm.frameBytes() * pm.frames());
        }
        try {
            String series = orEmpty(ds.getString(Tag.SeriesInstanceUID));
            String modality = ds.getString(Tag.Modality);
            String ts = df.transferSyntax().uid();
            int instance = ds.getInt(Tag.InstanceNumber, Integer.MIN_VALUE);
            double tilt = ds.getDouble(Tag.GantryDetectorTilt, 0);
            String sopClass = orEmpty(ds.getString(Tag.SOPClassUID));
            String sopInstance = orEmpty(ds.getString(Tag.SOPInstanceUID));
            Attributes shared = ds.getItem(Tag.SharedFunctionalGroupsSequence);
            List<Attributes> perFrame = ds.getSequence(Tag.PerFrameFunctionalGroupsSequence);
            List<FrameHeader> out = new ArrayList<>(pm.frames());
            if (shared != null || !perFrame.isEmpty()) {
                if (!perFrame.isEmpty() && perFrame.size() != pm.frames()) {
                    throw new DicomParseException(file, ds.get(Tag.PerFrameFunctionalGroupsSequence).offset(),
                            "per-frame functional groups have " + perFrame.size() + " items for " + pm.frames() + " frames");
                }
                for (int f = 0; f < pm.frames(); f++) {
                    Attributes pf = perFrame.isEmpty() ? null : perFrame.get(f);
                    Attributes pos = group(pf, shared, Tag.PlanePositionSequence);
                    Attributes ori = group(pf, shared, Tag.PlaneOrientationSequence);
                    Attributes meas = group(pf, shared, Tag.PixelMeasuresSequence);
                    Attributes pvt = group(pf, shared, Tag.PixelValueTransformationSequence);
                    Attributes content = group(pf, shared, Tag.FrameContentSequence);
                    Attributes echoItem = group(pf, shared, 0x00189114);
                    double[] p = vec(pos != null ? pos : ds, Tag.ImagePositionPatient, 3);
                    double[] o = usableOrientation(vec(ori != null ? ori : ds, Tag.ImageOrientationPatient, 6));
                    Attributes m = meas != null ? meas : ds;
                    Rescale r = rescale(pvt != null ? pvt : ds);
                    String echo = echoItem != null ? orEmpty(echoItem.getText(0x00189082)) : orEmpty(ds.getText(Tag.EchoNumbers));
                    String temporal = content != null ? orEmpty(content.getText(Tag.TemporalPositionIndex))
                            : orEmpty(ds.getText(Tag.TemporalPositionIdentifier));
                    String stack = content != null ? orEmpty(content.getText(Tag.StackID)) : "";
                    out.add(new FrameHeader(file, f, series, modality, ts, pm, p, o, spacing(vec(m, Tag.PixelSpacing, 2)),
                            positive(m.getDouble(Tag.SliceThickness, Double.NaN)),
                            positive(m.getDouble(Tag.SpacingBetweenSlices, Double.NaN)), r, echo, temporal, stack,
                            instance, tilt, sopClass, sopInstance));
                }
                return out;
            }
            double[] p = vec(ds, Tag.ImagePositionPatient, 3);
            double[] o = usableOrientation(vec(ds, Tag.ImageOrientationPatient, 6));
            double[] ps = spacing(vec(ds, Tag.PixelSpacing, 2));
            double thick = positive(ds.getDouble(Tag.SliceThickness, Double.NaN));
            double between = positive(ds.getDouble(Tag.SpacingBetweenSlices, Double.NaN));
            Rescale r = rescale(ds);
            double doseScale = ds.getDouble(Tag.DoseGridScaling, Double.NaN);
            if (Double.isFinite(doseScale) && doseScale != 0 && !ds.contains(Tag.RescaleSlope)) {
                r = new Rescale(doseScale, 0);
            }
            String echo = orEmpty(ds.getText(Tag.EchoNumbers));
            String temporal = orEmpty(ds.getText(Tag.TemporalPositionIdentifier));
            double[] gfov = ds.getDoubles(Tag.GridFrameOffsetVector);
            for (int f = 0; f < pm.frames(); f++) {
                double[] pf = p;
                if (pm.frames() > 1 && p != null && o != null) {
                    double off;
                    if (gfov.length == pm.frames()) {
                        // NB: PS3.3 C.8.8.3.2: offsets are relative to Image Position when the first is 0,
                        // else they are absolute positions along the normal
                        off = gfov[0] == 0 ? gfov[f] : gfov[f] - dot(p, normal(o));
                    } else {
                        double step = Double.isFinite(between) ? between : Double.isFinite(thick) ? thick : 1.0;
                        off = f * step;
                    }
                    double[] n = normal(o);
                    pf = new double[] {p[0] + off * n[0], p[1] + off * n[1], p[2] + off * n[2]};
                }
                out.add(new FrameHeader(file, f, series, modality, ts, pm, pf, o, ps, thick, between, r, echo, temporal,
                        "", instance, tilt, sopClass, sopInstance));
            }
            return out;
        } catch (IllegalArgumentException e) {
            throw new DicomParseException(file, -1, "bad value in the image header: " + e.getMessage(), e);
        }
    }

    private static Attributes group(Attributes perFrame, Attributes shared, int macro) {
        Attributes a = perFrame == null ? null : perFrame.getItem(macro);
        if (a == null && shared != null) {
            a = shared.getItem(macro);
        }
        return a;
    }

    private static double[] vec(Attributes a, int tag, int n) {
        double[] d = a.getDoubles(tag);
        if (d.length < n) {
            return null;
        }
        double[] v = java.util.Arrays.copyOf(d, n);
        for (double x : v) {
            if (!Double.isFinite(x)) {
                return null;
            }
        }
        return v;
    }

    /**
     * Six direction cosines that define a plane, or null: a zero row or column vector, or parallel
     * ones (no normal), cannot place a slice, and such a header is treated as one without
     * orientation (series assembly then assumes axial and says so).
     */
    static double[] usableOrientation(double[] o) {
        if (o == null) {
            return null;
        }
        double rn = Math.sqrt(o[0] * o[0] + o[1] * o[1] + o[2] * o[2]);
        double cn = Math.sqrt(o[3] * o[3] + o[4] * o[4] + o[5] * o[5]);
        if (!(rn > 1e-9) || !(cn > 1e-9)) {
            return null;
        }
        double x = (o[1] * o[5] - o[2] * o[4]) / (rn * cn);
        double y = (o[2] * o[3] - o[0] * o[5]) / (rn * cn);
        double z = (o[0] * o[4] - o[1] * o[3]) / (rn * cn);
        // NB: |r x c| = sin(angle): below 1e-3 the rows and columns are within 0.06 degrees of parallel
        return Math.sqrt(x * x + y * y + z * z) > 1e-3 ? o : null;
    }

    /** Pixel Spacing when both values are plausible lengths ({@value #MIN_MM} to {@value #MAX_MM} mm), else null. */
    private static double[] spacing(double[] ps) {
        return ps != null && plausible(ps[0]) && plausible(ps[1]) ? ps : null;
    }

    private static boolean plausible(double mm) {
        return mm >= MIN_MM && mm <= MAX_MM;
    }

    private static Rescale rescale(Attributes a) {
        double slope = a.getDouble(Tag.RescaleSlope, 1.0);
        double intercept = a.getDouble(Tag.RescaleIntercept, 0.0);
        if (!Double.isFinite(slope) || slope == 0) {
            slope = 1.0;
        }
        return new Rescale(slope, Double.isFinite(intercept) ? intercept : 0.0);
    }

    /** A plausible positive length in mm, else NaN (absent). */
    private static double positive(double v) {
        return plausible(v) ? v : Double.NaN;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Unit normal (row × column) of six direction cosines. */
    static double[] normal(double[] o) {
        double[] r = unit(o[0], o[1], o[2]);
        double[] c = unit(o[3], o[4], o[5]);
        return unit(r[1] * c[2] - r[2] * c[1], r[2] * c[0] - r[0] * c[2], r[0] * c[1] - r[1] * c[0]);
    }

    static double[] unit(double x, double y, double z) {
        double n = Math.sqrt(x * x + y * y + z * z);
        if (!(n > 1e-9)) {
            throw new IllegalArgumentException("zero direction vector in Image Orientation (Patient)");
        }
        return new double[] {x / n, y / n, z / n};
    }

    static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }
}
