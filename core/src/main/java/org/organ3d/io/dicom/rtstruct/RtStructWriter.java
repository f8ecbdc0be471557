package org.organ3d.io.dicom.rtstruct;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.joml.Vector3d;
import org.organ3d.io.ImageFormatException;
import org.organ3d.io.dicom.Attributes;
import org.organ3d.io.dicom.DicomWriter;
import org.organ3d.io.dicom.ReferencedSeries;
import org.organ3d.io.dicom.Tag;
import org.organ3d.io.dicom.Uids;
import org.organ3d.io.dicom.VR;
import org.organ3d.io.dicom.WrittenInstance;
import org.organ3d.volume.LabelInfo;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.SliceBounds;

/**
 * Writes a {@link LabelMap} as an RT Structure Set (PS3.3 A.19) citing the series it lies on:
 * one ROI per label value (ROI Number = label value, ROI Name and Display Color from the label
 * map's infos, else {@code "label N"} and a palette colour), contours traced slice by slice by
 * {@link ContourTracer} (marching squares at level ½; outer outlines and holes as separate
 * contours of opposite orientation; at least 4 points each), each contour on the exact plane of
 * its CT slice (that slice's Image Position plus row and column steps) and citing that image.
 *
 * <p><b>Simplification.</b> Off by default: vertices are the marching-squares points less the
 * collinear ones, so reading the file back by pixel centres (organ3d, plastimatch) gives the same
 * voxels. With {@link Options#maxDeviationMm} &gt; 0 each contour is simplified
 * (Douglas–Peucker) so that every dropped vertex lies within that distance of the simplified
 * contour (in mm, in-plane); the round trip then changes only voxels within that distance of the
 * boundary. Coordinates are written to 0.1 µm.
 *
 * <p><b>Size.</b> Contour Data is text (DS); explicit VR limits one value to 65534 bytes (about
 * 2400 points), so a file with a longer contour is written in implicit VR little endian, the DICOM
 * default transfer syntax, which every reader supports.
 *
 * <p>Thread-safe (stateless); slices are traced in parallel.
 */
public final class RtStructWriter {

    /**
     * What to write beyond the contours.
     *
     * @param seriesDescription   Series Description of the new series
     * @param seriesNumber        Series Number
     * @param structureSetLabel   Structure Set Label (up to 16 characters)
     * @param generationAlgorithm ROI Generation Algorithm of every ROI: AUTOMATIC, SEMIAUTOMATIC or MANUAL
     * @param interpretedType     RT ROI Interpreted Type of every ROI (e.g. ORGAN; "" for unknown)
     * @param maxDeviationMm      simplification tolerance in mm; 0 keeps every marching-squares vertex
     */
    public record Options(String seriesDescription, int seriesNumber, String structureSetLabel,
            String generationAlgorithm, String interpretedType, double maxDeviationMm) {
        public Options {
            seriesDescription = seriesDescription == null ? "organ3d structures" : seriesDescription;
            structureSetLabel = structureSetLabel == null || structureSetLabel.isBlank() ? "organ3d" : structureSetLabel;
            if (structureSetLabel.length() > 16) {
                throw new IllegalArgumentException("Structure Set Label has at most 16 characters: " + structureSetLabel);
            }
            generationAlgorithm = Objects.requireNonNullElse(generationAlgorithm, "SEMIAUTOMATIC").toUpperCase(Locale.ROOT);
            interpretedType = interpretedType == null ? "" : interpretedType.toUpperCase(Locale.ROOT);
            if (!(maxDeviationMm >= 0) || !Double.isFinite(maxDeviationMm)) {
                throw new IllegalArgumentException("maximum deviation must be a finite number >= 0 mm: " + maxDeviationMm);
            }
            if (seriesNumber < 0) {
                throw new IllegalArgumentException("series number must not be negative: " + seriesNumber);
            }
        }

        /** Series 901, semi-automatic ORGAN ROIs, no simplification. */
        public static Options defaults() {
            return new Options(null, 901, "organ3d", "SEMIAUTOMATIC", "ORGAN", 0);
        }

        /** The same with a simplification tolerance in mm. */
        public Options withMaxDeviation(double mm) {
            return new Options(seriesDescription, seriesNumber, structureSetLabel, generationAlgorithm, interpretedType, mm);
        }

        /** The same with another series description and number. */
        public Options withSeries(String description, int number) {
            return new Options(description, number, structureSetLabel, generationAlgorithm, interpretedType, maxDeviationMm);
        }
    }

    /** One traced contour ready to write: its slice and Contour Data text. */
    private record Encoded(int k, int points, byte[] data) {
    }

    private static final String DETACHED_STUDY_MANAGEMENT = "1.2.840.10008.3.1.2.3.1";
    private static final int EXPLICIT_LIMIT = 65534;

    private RtStructWriter() {
    }

    /**
     * Writes {@code labels} (on {@code reference}'s grid, or re-indexed onto it; see
     * {@link ReferencedSeries#onGrid}) to {@code file}.
     *
     * @return the written instance: ROIs in {@code items}, contours in {@code frames}
     * @throws ImageFormatException if the label map is not on the referenced grid or holds no label
     */
    public static WrittenInstance write(LabelMap labels, ReferencedSeries reference, Options options, Path file)
            throws IOException {
        LabelMap map = reference.onGrid(labels, file);
        List<List<SliceBounds.Box>> bounds = SliceBounds.of(map);
        TreeSet<Integer> present = new TreeSet<>();
        bounds.forEach(l -> l.forEach(b -> present.add(b.label())));
        if (present.isEmpty()) {
            throw new ImageFormatException(file, -1, "the label map holds no label (all voxels are 0): nothing to contour");
        }
        int nz = map.dimensions().nz();
        List<Map<Integer, List<Encoded>>> traced = new ArrayList<>(nz);
        IntStream.range(0, nz).forEach(k -> traced.add(null));
        Vector3d row = reference.geometry().direction().getColumn(0, new Vector3d());
        Vector3d col = reference.geometry().direction().getColumn(1, new Vector3d());
        double si = reference.geometry().spacing().x;
        double sj = reference.geometry().spacing().y;
        ThreadLocal<ContourTracer> tracers = ThreadLocal.withInitial(ContourTracer::new);
        IntStream.range(0, nz).parallel().forEach(k -> {
            Map<Integer, List<Encoded>> byLabel = new HashMap<>();
            if (!bounds.get(k).isEmpty()) {
                Object slice = map.labels().type().newSlice(map.dimensions().sliceSize());
                map.labels().copySlice(k, slice);
                double[] origin = reference.slicePosition(k);
                for (SliceBounds.Box box : bounds.get(k)) {
                    List<Encoded> list = new ArrayList<>();
                    for (double[] poly : tracers.get().trace(slice, map.dimensions().nx(), box.label(), box)) {
                        double[] p = ContourTracer.simplify(poly, options.maxDeviationMm(), si, sj);
                        list.add(new Encoded(k, p.length / 2, encode(p, origin, row, col, si, sj)));
                    }
                    byLabel.put(box.label(), list);
                }
            }
            synchronized (traced) {
                traced.set(k, byLabel);
            }
        });
        Attributes ds = dataset(map, reference, options, present, traced);
        boolean longValue = traced.stream().flatMap(m -> m.values().stream()).flatMap(List::stream)
                .anyMatch(e -> e.data().length > EXPLICIT_LIMIT);
        if (longValue) {
            DicomWriter.writeImplicit(file, ds);
        } else {
            DicomWriter.write(file, ds);
        }
        int contours = traced.stream().mapToInt(m -> m.values().stream().mapToInt(List::size).sum()).sum();
        return new WrittenInstance(file, Uids.RT_STRUCTURE_SET_STORAGE, ds.getString(Tag.SOPInstanceUID),
                ds.getString(Tag.SeriesInstanceUID), reference.studyInstanceUID(), present.size(), contours,
                present.stream().collect(java.util.stream.Collectors.toMap(l -> l, l -> l)));
    }

    private static Attributes dataset(LabelMap map, ReferencedSeries ref, Options o, TreeSet<Integer> present,
            List<Map<Integer, List<Encoded>>> traced) {
        Attributes ds = ref.derivedInstanceHeader(Uids.RT_STRUCTURE_SET_STORAGE, "RTSTRUCT", o.seriesDescription(),
                o.seriesNumber(), false);
        ds.setString(Tag.OperatorsName, VR.PN, "");
        ds.setString(Tag.PositionReferenceIndicator, VR.LO, "");
        ds.setString(Tag.StructureSetLabel, VR.SH, o.structureSetLabel());
        ds.setString(Tag.StructureSetDate, VR.DA, ds.getString(Tag.SeriesDate));
        ds.setString(Tag.StructureSetTime, VR.TM, ds.getString(Tag.SeriesTime));

        Map<Integer, Attributes> imageRefs = new TreeMap<>();
        for (int k = 0; k < ref.dimensions().nz(); k++) {
            ReferencedSeries.Instance in = ref.slice(k);
            Attributes a = new Attributes();
            a.setString(Tag.ReferencedSOPClassUID, VR.UI, in.sopClassUID());
            a.setString(Tag.ReferencedSOPInstanceUID, VR.UI, in.sopInstanceUID());
            if (in.frameNumber() > 0) {
                a.setIntString(Tag.ReferencedFrameNumber, in.frameNumber());
            }
            imageRefs.put(k, a);
        }
        Attributes series = new Attributes();
        series.setString(Tag.SeriesInstanceUID, VR.UI, ref.seriesInstanceUID());
        series.setSequence(Tag.ContourImageSequence, distinctImages(imageRefs));
        Attributes study = new Attributes();
        study.setString(Tag.ReferencedSOPClassUID, VR.UI, DETACHED_STUDY_MANAGEMENT);
        study.setString(Tag.ReferencedSOPInstanceUID, VR.UI, ref.studyInstanceUID());
        study.setSequence(Tag.RTReferencedSeriesSequence, List.of(series));
        Attributes frame = new Attributes();
        frame.setString(Tag.FrameOfReferenceUID, VR.UI, ref.frameOfReferenceUID());
        frame.setSequence(Tag.RTReferencedStudySequence, List.of(study));
        ds.setSequence(Tag.ReferencedFrameOfReferenceSequence, List.of(frame));

        List<Attributes> setRois = new ArrayList<>();
        List<Attributes> roiContours = new ArrayList<>();
        List<Attributes> observations = new ArrayList<>();
        for (int label : present) {
            LabelInfo info = map.info(label).orElse(null);
            String name = info == null || info.name().isBlank() ? "label " + label : info.name();
            int rgba = info == null ? LabelInfo.defaultColor(label) : info.rgba();
            Attributes s = Attributes.utf8();
            s.setIntString(Tag.ROINumber, label);
            s.setString(Tag.ReferencedFrameOfReferenceUID, VR.UI, ref.frameOfReferenceUID());
            s.setString(Tag.ROIName, VR.LO, name);
            s.setString(Tag.ROIGenerationAlgorithm, VR.CS, o.generationAlgorithm());
            setRois.add(s);
            List<Attributes> contours = new ArrayList<>();
            for (Map<Integer, List<Encoded>> slice : traced) {
                for (Encoded e : slice.getOrDefault(label, List.of())) {
                    Attributes c = new Attributes();
                    c.setSequence(Tag.ContourImageSequence, List.of(imageRefs.get(e.k())));
                    c.setString(Tag.ContourGeometricType, VR.CS, "CLOSED_PLANAR");
                    c.setIntString(Tag.NumberOfContourPoints, e.points());
                    c.setIntString(Tag.ContourNumber, contours.size() + 1);
                    c.setBytes(Tag.ContourData, VR.DS, e.data());
                    contours.add(c);
                }
            }
            Attributes rc = new Attributes();
            rc.setIntString(Tag.ROIDisplayColor, (rgba >>> 24) & 0xFF, (rgba >>> 16) & 0xFF, (rgba >>> 8) & 0xFF);
            rc.setSequence(Tag.ContourSequence, contours);
            rc.setIntString(Tag.ReferencedROINumber, label);
            roiContours.add(rc);
            Attributes ob = new Attributes();
            ob.setIntString(Tag.ObservationNumber, label);
            ob.setIntString(Tag.ReferencedROINumber, label);
            ob.setString(Tag.RTROIInterpretedType, VR.CS, o.interpretedType());
            ob.setString(Tag.ROIInterpreter, VR.PN, "");
            observations.add(ob);
        }
        ds.setSequence(Tag.StructureSetROISequence, setRois);
        ds.setSequence(Tag.ROIContourSequence, roiContours);
        ds.setSequence(Tag.RTROIObservationsSequence, observations);
        return ds;
    }

    private static List<Attributes> distinctImages(Map<Integer, Attributes> refs) {
        List<Attributes> out = new ArrayList<>();
        TreeSet<String> seen = new TreeSet<>();
        for (Attributes a : refs.values()) {
            if (seen.add(a.getString(Tag.ReferencedSOPInstanceUID) + "/" + a.getString(Tag.ReferencedFrameNumber))) {
                out.add(a);
            }
        }
        return out;
    }

    /** Contour Data text: x\y\z of every vertex in LPS mm, each rounded to 0.1 µm and written without trailing zeros. */
    static byte[] encode(double[] poly, double[] origin, Vector3d row, Vector3d col, double si, double sj) {
        int n = poly.length / 2;
        byte[] out = new byte[n * 3 * 12];
        int w = 0;
        for (int q = 0; q < n; q++) {
            double x = poly[2 * q] * si;
            double y = poly[2 * q + 1] * sj;
            double[] p = {origin[0] + x * row.x + y * col.x, origin[1] + x * row.y + y * col.y,
                origin[2] + x * row.z + y * col.z};
            for (int a = 0; a < 3; a++) {
                if (w > 0) {
                    out[w++] = '\\';
                }
                w = number(p[a], out, w);
            }
        }
        return Arrays.copyOf(out, w);
    }

    /** Writes {@code v} rounded to 4 decimals, shortest form, at {@code out[w]}; returns the new end. */
    private static int number(double v, byte[] out, int w) {
        long t = Math.round(v * 10000);
        if (Math.abs(t) >= 1_000_000_000_000L) {
            throw new IllegalArgumentException("coordinate out of range for DS: " + v);
        }
        if (t < 0) {
            out[w++] = '-';
            t = -t;
        }
        long whole = t / 10000;
        int frac = (int) (t % 10000);
        String ws = Long.toString(whole);
        for (int i = 0; i < ws.length(); i++) {
            out[w++] = (byte) ws.charAt(i);
        }
        if (frac != 0) {
            out[w++] = '.';
            int digits = 4;
            while (frac % 10 == 0) {
                frac /= 10;
                digits--;
            }
            for (int d = digits - 1; d >= 0; d--) {
                out[w + d] = (byte) ('0' + frac % 10);
                frac /= 10;
            }
            w += digits;
        }
        return w;
    }
}
