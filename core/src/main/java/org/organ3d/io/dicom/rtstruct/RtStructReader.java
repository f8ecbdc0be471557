package org.organ3d.io.dicom.rtstruct;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.organ3d.io.ImageFormatException;
import org.organ3d.io.ReadWarning;
import org.organ3d.io.ReadWarning.Kind;
import org.organ3d.io.dicom.Attributes;
import org.organ3d.io.dicom.DicomFile;
import org.organ3d.io.dicom.DicomParser;
import org.organ3d.io.dicom.Tag;
import org.organ3d.io.dicom.Uids;

/**
 * Reads an RT Structure Set (PS3.3 A.19) into an {@link RtStructureSet}: ROIs from the Structure
 * Set ROI Sequence, their colours and contours from the ROI Contour Sequence, their interpreted
 * types from the RT ROI Observations Sequence, matched by ROI number.
 *
 * <p>Damaged contours never stop the read: a contour with NaN or infinite coordinates, a closed
 * contour of fewer than three points, Contour Data that is not numbers or not whole triples is
 * dropped (or trimmed to whole triples) with a warning naming its ROI; a Number of Contour Points
 * that disagrees with the data is reported and the data believed. A file that is not an RT
 * Structure Set, or is malformed as DICOM, is a typed error ({@link ImageFormatException}).
 *
 * <p>Thread-safe (stateless).
 */
public final class RtStructReader {

    private RtStructReader() {
    }

    /** Reads {@code file}. */
    public static RtStructureSet read(Path file) throws IOException {
        return read(DicomParser.read(file), file);
    }

    /** Reads an already parsed file. */
    public static RtStructureSet read(DicomFile df, Path file) throws ImageFormatException {
        try {
            return parse(df, file);
        } catch (NumberFormatException e) {
            // NB: a safety net: a number read without its own check must not escape unchecked
            throw new ImageFormatException(file, -1, "a malformed number in the structure set: " + e.getMessage(), e);
        }
    }

    private static RtStructureSet parse(DicomFile df, Path file) throws ImageFormatException {
        Attributes ds = df.dataset();
        String sopClass = ds.getString(Tag.SOPClassUID);
        if (!Uids.RT_STRUCTURE_SET_STORAGE.equals(sopClass)) {
            throw new ImageFormatException(file, -1, "not an RT Structure Set (SOP Class " + sopClass + ")");
        }
        List<ReadWarning> warnings = new ArrayList<>();
        Map<Integer, Attributes> setRois = new LinkedHashMap<>();
        for (Attributes a : ds.getSequence(Tag.StructureSetROISequence)) {
            int n = number(a, Tag.ROINumber);
            if (n == Integer.MIN_VALUE) {
                warnings.add(new ReadWarning(Kind.IGNORED_DATA, file, "a Structure Set ROI item without a ROI Number: skipped"));
                continue;
            }
            if (setRois.put(n, a) != null) {
                warnings.add(new ReadWarning(Kind.INCONSISTENT_HEADER, file,
                        "ROI number " + n + " is described twice: the later item is used"));
            }
        }
        Map<Integer, String> interpreted = new HashMap<>();
        for (Attributes a : ds.getSequence(Tag.RTROIObservationsSequence)) {
            int n = number(a, Tag.ReferencedROINumber);
            String t = a.getString(Tag.RTROIInterpretedType);
            if (n != Integer.MIN_VALUE && t != null) {
                interpreted.put(n, t.toUpperCase(Locale.ROOT));
            }
        }
        Map<Integer, Attributes> contourItems = new HashMap<>();
        for (Attributes a : ds.getSequence(Tag.ROIContourSequence)) {
            int n = number(a, Tag.ReferencedROINumber);
            if (n == Integer.MIN_VALUE) {
                warnings.add(new ReadWarning(Kind.IGNORED_DATA, file,
                        "a ROI Contour item without a Referenced ROI Number: skipped"));
            } else if (!setRois.containsKey(n)) {
                warnings.add(new ReadWarning(Kind.IGNORED_DATA, file,
                        "contours for ROI number " + n + ", which the Structure Set ROI Sequence does not describe: skipped"));
            } else {
                contourItems.put(n, a);
            }
        }
        List<RtRoi> rois = new ArrayList<>();
        for (Map.Entry<Integer, Attributes> e : setRois.entrySet()) {
            int n = e.getKey();
            Attributes set = e.getValue();
            String name = set.getText(Tag.ROIName);
            String who = "ROI " + n + (name == null ? "" : " '" + name + "'");
            Attributes item = contourItems.get(n);
            int rgba = 0;
            List<RtContour> contours = new ArrayList<>();
            if (item != null) {
                rgba = color(item, who, warnings, file);
                int index = 0;
                for (Attributes c : item.getSequence(Tag.ContourSequence)) {
                    index++;
                    RtContour contour = contour(c, who + ", contour " + index, warnings, file);
                    if (contour != null) {
                        contours.add(contour);
                    }
                }
            }
            rois.add(new RtRoi(n, name, rgba, interpreted.get(n), set.getString(Tag.ReferencedFrameOfReferenceUID), contours));
        }
        Attributes forItem = ds.getItem(Tag.ReferencedFrameOfReferenceSequence);
        String forUid = forItem == null ? null : forItem.getString(Tag.FrameOfReferenceUID);
        String series = null;
        if (forItem != null) {
            Attributes study = forItem.getItem(Tag.RTReferencedStudySequence);
            Attributes ser = study == null ? null : study.getItem(Tag.RTReferencedSeriesSequence);
            series = ser == null ? null : ser.getString(Tag.SeriesInstanceUID);
        }
        if (forUid == null) {
            forUid = ds.getString(Tag.FrameOfReferenceUID);
        }
        return new RtStructureSet(file, df.transferSyntax().uid(), ds.getString(Tag.SOPInstanceUID),
                ds.getString(Tag.SeriesInstanceUID), ds.getString(Tag.StudyInstanceUID), forUid, series,
                ds.getText(Tag.StructureSetLabel), rois, warnings);
    }

    /** The Series Instance UID an RTSTRUCT dataset cites, or null. */
    public static String referencedSeriesUID(Attributes ds) {
        Attributes forItem = ds.getItem(Tag.ReferencedFrameOfReferenceSequence);
        Attributes study = forItem == null ? null : forItem.getItem(Tag.RTReferencedStudySequence);
        Attributes ser = study == null ? null : study.getItem(Tag.RTReferencedSeriesSequence);
        return ser == null ? null : ser.getString(Tag.SeriesInstanceUID);
    }

    private static RtContour contour(Attributes c, String who, List<ReadWarning> warnings, Path file) {
        String type = c.getString(Tag.ContourGeometricType);
        type = type == null ? "CLOSED_PLANAR" : type.toUpperCase(Locale.ROOT);
        double[] data;
        try {
            data = c.getDoubles(Tag.ContourData);
        } catch (NumberFormatException e) {
            warnings.add(new ReadWarning(Kind.IGNORED_DATA, file,
                    who + ": Contour Data is not numbers (" + e.getMessage() + "): skipped"));
            return null;
        }
        if (data.length % 3 != 0) {
            warnings.add(new ReadWarning(Kind.IGNORED_DATA, file, who + ": Contour Data holds " + data.length + " numbers, not whole x\\y\\z triples: the last "
                    + data.length % 3 + " ignored"));
            data = java.util.Arrays.copyOf(data, data.length - data.length % 3);
        }
        for (double d : data) {
            if (!Double.isFinite(d)) {
                warnings.add(new ReadWarning(Kind.IGNORED_DATA, file,
                        who + ": a coordinate is not a finite number (NaN or infinity): skipped"));
                return null;
            }
        }
        int points = data.length / 3;
        int declared;
        try {
            declared = c.getInt(Tag.NumberOfContourPoints, points);
        } catch (NumberFormatException e) {
            // NB: the count is informational (the data are used); a malformed one is a mismatch like any other
            declared = -1;
        }
        if (declared != points) {
            warnings.add(new ReadWarning(Kind.INCONSISTENT_HEADER, file,
                    who + ": Number of Contour Points says " + declared + " but the data hold " + points + ": data used"));
        }
        if (points == 0) {
            warnings.add(new ReadWarning(Kind.IGNORED_DATA, file, who + ": no points: skipped"));
            return null;
        }
        if ("CLOSED_PLANAR".equals(type) && points < 3) {
            warnings.add(new ReadWarning(Kind.IGNORED_DATA, file,
                    who + ": a closed contour of " + points + " point(s) encloses nothing: skipped"));
            return null;
        }
        return new RtContour(type, data);
    }

    private static int color(Attributes item, String who, List<ReadWarning> warnings, Path file) {
        double[] c;
        try {
            c = item.getDoubles(Tag.ROIDisplayColor);
        } catch (NumberFormatException e) {
            c = new double[0];
        }
        if (c.length < 3) {
            return 0;
        }
        int[] v = new int[3];
        for (int i = 0; i < 3; i++) {
            if (!(c[i] >= 0 && c[i] <= 255)) {
                warnings.add(new ReadWarning(Kind.INCONSISTENT_HEADER, file, who + ": ROI Display Color outside 0..255: ignored"));
                return 0;
            }
            v[i] = (int) Math.round(c[i]);
        }
        return (v[0] << 24) | (v[1] << 16) | (v[2] << 8) | 0xFF;
    }

    private static int number(Attributes a, int tag) {
        try {
            double[] d = a.getDoubles(tag);
            if (d.length == 0 || d[0] != Math.rint(d[0]) || Math.abs(d[0]) > Integer.MAX_VALUE) {
                return Integer.MIN_VALUE;
            }
            return (int) d[0];
        } catch (NumberFormatException e) {
            return Integer.MIN_VALUE;
        }
    }
}
