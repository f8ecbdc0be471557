package org.organ3d.io.dicom.seg;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.organ3d.io.ImageFormatException;
import org.organ3d.io.ReadWarning;
import org.organ3d.io.ReadWarning.Kind;
import org.organ3d.io.dicom.Attributes;
import org.organ3d.io.dicom.CodedConcept;
import org.organ3d.io.dicom.DicomFile;
import org.organ3d.io.dicom.DicomParser;
import org.organ3d.io.ReadOptions;
import org.organ3d.io.dicom.ReferencedSeries;
import org.organ3d.io.dicom.ReferencingFormat;
import org.organ3d.io.dicom.Tag;
import org.organ3d.io.dicom.Uids;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.VoxelType;

/**
 * Reads a DICOM Segmentation (binary, fractional or label map; PS3.3 A.51 and Supplement 243) into
 * a {@link Segmentation}: a label map on the referenced series' grid (or the SEG's own frame grid,
 * see {@link FrameGrid}) in which every segment keeps its own label value.
 *
 * <p><b>Segments.</b> Each segment becomes label value = its Segment Number, or the value organ3d
 * recorded in its private element (0073,1001) when it wrote the file; names and colours (CIELab →
 * sRGB, {@link CieLab}) and coded meanings travel along. Frames may be stored for some slices only
 * and in any order; each is placed by its own Plane Position. Shared and per-frame functional groups
 * are both honoured (the per-frame item wins).
 *
 * <p><b>Values.</b> Binary frames: a set bit is inside. Fractional frames: inside where the value
 * is at least half of Maximum Fractional Value (probability or occupancy ≥ 0.5). Label map frames:
 * the pixel value is the segment number; 0 and numbers without a segment item are background (the
 * latter with a warning).
 *
 * <p><b>Overlaps.</b> Where segments overlap (Segments Overlap YES or UNDEFINED), the voxel takes
 * the larger label value and a warning names each overlapping pair and its voxel count; read one
 * segment alone with {@link #readOnto(Path, ReferencedSeries, Set)} to get its full extent.
 *
 * <p>Errors are typed ({@link ImageFormatException}, naming the file and the frame or segment):
 * not a SEG, frames that do not fit the grid, pixel data shorter than the frames, frames naming a
 * segment that is not described, compressed 1-bit frames. Thread-safe (stateless); slices are
 * filled in parallel.
 */
public final class SegReader {

    private SegReader() {
    }

    /**
     * Reads every segment of {@code file} onto {@code reference}'s grid, or onto the SEG's own frame
     * grid when {@code reference} is null.
     */
    public static Segmentation readOnto(Path file, ReferencedSeries reference) throws IOException {
        return readOnto(file, reference, null);
    }

    /**
     * As {@link #readOnto(Path, ReferencedSeries)}, keeping only the segments numbered in
     * {@code onlySegments} (all when null).
     */
    public static Segmentation readOnto(Path file, ReferencedSeries reference, Set<Integer> onlySegments) throws IOException {
        return read(DicomParser.read(file), file, reference, onlySegments);
    }

    /**
     * Reads every segment of {@code file} onto the grid {@code options} give: the series in
     * {@link ReadOptions#reference()}, or the series the SEG cites found in its folder, else the
     * SEG's own frame grid (with a warning); see {@link ReferencingFormat#locate}. The series'
     * warnings join the SEG's.
     */
    public static Segmentation read(Path file, ReadOptions options) throws IOException {
        DicomFile df = DicomParser.read(file);
        List<ReadWarning> warnings = new ArrayList<>();
        ReferencedSeries ref = ReferencingFormat.locate(file, referencedSeriesUID(df.dataset()), options, warnings)
                .orElse(null);
        Segmentation s = read(df, file, ref, null);
        warnings.addAll(s.warnings());
        return new Segmentation(s.file(), s.transferSyntaxUID(), s.sopClassUID(), s.sopInstanceUID(), s.seriesInstanceUID(),
                s.studyInstanceUID(), s.referencedSeriesUID(), s.segmentationType(), s.segments(), s.labels(),
                s.onReferencedGrid(), warnings);
    }

    private static Segmentation read(DicomFile df, Path file, ReferencedSeries reference, Set<Integer> onlySegments)
            throws IOException {
        try {
            return parse(df, file, reference, onlySegments);
        } catch (NumberFormatException e) {
            // NB: a safety net: a number read without its own check must not escape unchecked
            throw new ImageFormatException(file, -1, "a malformed number in the segmentation: " + e.getMessage(), e);
        }
    }

    private static Segmentation parse(DicomFile df, Path file, ReferencedSeries reference, Set<Integer> onlySegments)
            throws IOException {
        Attributes ds = df.dataset();
        String sopClass = ds.getString(Tag.SOPClassUID);
        if (!Uids.isSegmentation(sopClass)) {
            throw new ImageFormatException(file, -1, "not a DICOM segmentation (SOP Class " + sopClass + ")");
        }
        List<ReadWarning> warnings = new ArrayList<>();
        String type = upper(ds.getString(Tag.SegmentationType));
        if (type == null) {
            throw new ImageFormatException(file, -1, "Segmentation Type (0062,0001) is missing");
        }
        int rows = ds.getInt(Tag.Rows, -1);
        int cols = ds.getInt(Tag.Columns, -1);
        int frames = ds.getInt(Tag.NumberOfFrames, 1);
        int bits = ds.getInt(Tag.BitsAllocated, -1);
        if (rows < 1 || cols < 1 || rows > 65535 || cols > 65535 || frames < 0 || frames > 1 << 24) {
            throw new ImageFormatException(file, -1, "absurd SEG size: " + cols + "x" + rows + ", " + frames + " frames");
        }
        boolean labelMap = "LABELMAP".equals(type);
        boolean fractional = "FRACTIONAL".equals(type);
        if (!labelMap && !fractional && !"BINARY".equals(type)) {
            throw new ImageFormatException(file, -1, "unknown Segmentation Type " + type);
        }
        if ("BINARY".equals(type) && bits != 1 || fractional && bits != 8 && bits != 16 || labelMap && bits != 8 && bits != 16) {
            throw new ImageFormatException(file, -1, type + " SEG with Bits Allocated " + bits);
        }
        Map<Integer, Segment> segments = segments(ds, file, labelMap, warnings);
        Attributes shared = ds.getItem(Tag.SharedFunctionalGroupsSequence);
        List<Attributes> perFrame = ds.getSequence(Tag.PerFrameFunctionalGroupsSequence);
        if (!perFrame.isEmpty() && perFrame.size() != frames) {
            throw new ImageFormatException(file, -1, "Per-frame Functional Groups have " + perFrame.size() + " items for "
                    + frames + " frames");
        }
        List<FrameGrid.Plane> planes = new ArrayList<>(frames);
        int[] segmentOf = new int[frames];
        double[] pixelSpacing = null;
        double spacingBetween = Double.NaN;
        for (int f = 0; f < frames; f++) {
            Attributes pf = perFrame.isEmpty() ? null : perFrame.get(f);
            Attributes pos = group(pf, shared, Tag.PlanePositionSequence);
            Attributes ori = group(pf, shared, Tag.PlaneOrientationSequence);
            Attributes meas = group(pf, shared, Tag.PixelMeasuresSequence);
            planes.add(new FrameGrid.Plane(finite(pos, Tag.ImagePositionPatient, 3), finite(ori, Tag.ImageOrientationPatient, 6)));
            if (meas != null && pixelSpacing == null) {
                pixelSpacing = finite(meas, Tag.PixelSpacing, 2);
                spacingBetween = meas.getDouble(Tag.SpacingBetweenSlices, Double.NaN);
            }
            if (!labelMap) {
                Attributes id = group(pf, shared, Tag.SegmentIdentificationSequence);
                int n = id == null ? -1 : id.getInt(Tag.ReferencedSegmentNumber, -1);
                if (!segments.containsKey(n)) {
                    throw new ImageFormatException(file, -1, "frame " + (f + 1) + " names segment " + n
                            + ", which the Segment Sequence does not describe");
                }
                segmentOf[f] = n;
            }
        }
        FrameGrid grid;
        if (reference != null) {
            grid = FrameGrid.referenced(reference, rows, cols, pixelSpacing, file);
            String forUid = ds.getString(Tag.FrameOfReferenceUID);
            if (forUid != null && !forUid.equals(reference.frameOfReferenceUID())) {
                warnings.add(new ReadWarning(Kind.INCONSISTENT_GEOMETRY, file, "the SEG's Frame of Reference " + forUid
                        + " differs from the referenced series' " + reference.frameOfReferenceUID() + "; frames placed by position"));
            }
        } else {
            grid = FrameGrid.own(planes, rows, cols, pixelSpacing, spacingBetween, file);
            warnings.add(new ReadWarning(Kind.ASSUMED_GEOMETRY, file, "no referenced series given or found beside the file: "
                    + "the label map lies on the SEG's own frame grid (" + grid.dimensions + ", slices with segments only); "
                    + "give the series for its full grid"));
        }
        int[] sliceOf = new int[frames];
        for (int f = 0; f < frames; f++) {
            sliceOf[f] = grid.sliceOf(planes.get(f), "frame " + (f + 1) + (labelMap ? "" : " (segment " + segmentOf[f] + ")"),
                    file);
        }
        Set<Integer> wanted = onlySegments == null ? segments.keySet() : new HashSet<>(onlySegments);
        Map<Integer, Segment> kept = new TreeMap<>();
        segments.forEach((n, s) -> {
            if (wanted.contains(n)) {
                kept.put(n, s);
            }
        });
        int maxLabel = kept.values().stream().mapToInt(Segment::labelValue).max().orElse(0);
        VoxelType vt = maxLabel > 255 ? VoxelType.UINT16 : VoxelType.UINT8;
        SegPainter painter = new SegPainter(df, grid, vt, file);
        if (labelMap) {
            Map<Integer, Integer> valueToLabel = new HashMap<>();
            kept.forEach((n, s) -> valueToLabel.put(n, s.labelValue()));
            painter.paintLabelMap(sliceOf, valueToLabel, segments.keySet(), warnings);
        } else {
            int[] labelOf = new int[frames];
            for (int f = 0; f < frames; f++) {
                Segment s = kept.get(segmentOf[f]);
                labelOf[f] = s == null ? 0 : s.labelValue();
            }
            int maxFractional = ds.getInt(Tag.MaximumFractionalValue, (1 << bits) - 1);
            painter.paintSegments(sliceOf, labelOf, fractional ? bits : 1, Math.max(1, maxFractional), warnings);
        }
        LabelMap map = painter.labelMap(kept);
        Attributes ref = ds.getItem(Tag.ReferencedSeriesSequence);
        return new Segmentation(file, df.transferSyntax().uid(), sopClass, ds.getString(Tag.SOPInstanceUID), ds.getString(Tag.SeriesInstanceUID),
                ds.getString(Tag.StudyInstanceUID), ref == null ? null : ref.getString(Tag.SeriesInstanceUID), type,
                new ArrayList<>(kept.values()), map, grid.referenced, warnings);
    }

    /** The Series Instance UID the SEG cites (Referenced Series Sequence), or null. */
    public static String referencedSeriesUID(Attributes ds) {
        Attributes ref = ds.getItem(Tag.ReferencedSeriesSequence);
        return ref == null ? null : ref.getString(Tag.SeriesInstanceUID);
    }

    private static Map<Integer, Segment> segments(Attributes ds, Path file, boolean labelMap, List<ReadWarning> warnings)
            throws ImageFormatException {
        Map<Integer, Segment> out = new TreeMap<>();
        Set<Integer> values = new HashSet<>();
        List<Attributes> items = ds.getSequence(Tag.SegmentSequence);
        if (items.isEmpty()) {
            throw new ImageFormatException(file, -1, "the Segment Sequence (0062,0002) is missing or empty");
        }
        int missingCodes = 0;
        for (Attributes a : items) {
            int n = a.getInt(Tag.SegmentNumber, -1);
            if (labelMap && n == 0) {
                continue;
            }
            if (n < 1 || n > 65535) {
                throw new ImageFormatException(file, -1, "segment number " + n + " outside 1..65535");
            }
            if (out.containsKey(n)) {
                throw new ImageFormatException(file, -1, "segment number " + n + " is described twice");
            }
            String name = a.getText(Tag.SegmentLabel);
            int value = n;
            if ("organ3d".equals(privateCreator(a)) && a.contains(Tag.Organ3dLabelValue)) {
                int v = a.getInt(Tag.Organ3dLabelValue, n);
                value = v >= 1 && v <= 65535 ? v : n;
            }
            if (!values.add(value)) {
                warnings.add(new ReadWarning(Kind.LABELS, file, "segment " + n + ": label value " + value
                        + " is used twice; using the segment number"));
                value = n;
            }
            int[] lab = toInts(a.getDoubles(Tag.RecommendedDisplayCIELabValue));
            int rgba = lab.length >= 3 ? CieLab.toRgba(lab) : AnatomyCodes.paletteColor(value);
            CodedConcept category = CodedConcept.of(a.getItem(Tag.SegmentedPropertyCategoryCodeSequence));
            CodedConcept typeCode = CodedConcept.of(a.getItem(Tag.SegmentedPropertyTypeCodeSequence));
            if (category == null || typeCode == null) {
                missingCodes++;
                category = category == null ? AnatomyCodes.ANATOMICAL_STRUCTURE : category;
                typeCode = typeCode == null ? AnatomyCodes.TISSUE : typeCode;
            }
            String algType = upper(a.getString(Tag.SegmentAlgorithmType));
            if (algType == null || !Segment.ALGORITHM_TYPES.contains(algType)) {
                algType = "MANUAL";
            }
            String algName = a.getText(Tag.SegmentAlgorithmName);
            if (!"MANUAL".equals(algType) && algName == null) {
                algName = "unnamed";
            }
            out.put(n, new Segment(n, value, name == null ? "segment " + n : name, a.getText(Tag.SegmentDescription), rgba,
                    category, typeCode, algType, algName));
        }
        if (missingCodes > 0) {
            warnings.add(new ReadWarning(Kind.INCONSISTENT_HEADER, file, missingCodes + " segment(s) without a Segmented "
                    + "Property Category or Type: read as (Anatomical Structure, Tissue)"));
        }
        return out;
    }

    private static String privateCreator(Attributes a) {
        return a.getString(Tag.Organ3dPrivateCreator);
    }

    private static Attributes group(Attributes perFrame, Attributes shared, int macro) {
        Attributes a = perFrame == null ? null : perFrame.getItem(macro);
        return a != null ? a : shared == null ? null : shared.getItem(macro);
    }

    private static double[] finite(Attributes a, int tag, int n) {
        if (a == null) {
            return null;
        }
        double[] d;
        try {
            d = a.getDoubles(tag);
        } catch (NumberFormatException e) {
            return null;
        }
        if (d.length < n) {
            return null;
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(d[i])) {
                return null;
            }
        }
        return java.util.Arrays.copyOf(d, n);
    }

    private static int[] toInts(double[] d) {
        int[] v = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            v[i] = (int) d[i];
        }
        return v;
    }

    private static String upper(String s) {
        return s == null ? null : s.strip().toUpperCase(Locale.ROOT);
    }

    /** The pixel data bytes of a native (uncompressed) 1-bit SEG, checked to hold {@code bits} bits. */
    static ByteBuffer nativeBits(DicomFile df, long bits, Path file) throws ImageFormatException {
        Attributes.Element e = df.dataset().get(Tag.PixelData);
        if (e == null) {
            throw new ImageFormatException(file, -1, "no Pixel Data (7FE0,0010)");
        }
        if (e.isEncapsulated()) {
            throw new ImageFormatException(file, e.offset(), "compressed 1-bit SEG frames (" + df.transferSyntax().uid()
                    + ") are not supported; decompress the file first (e.g. dcmdjpeg, gdcmconv --raw)");
        }
        if (e.length() * 8L < bits) {
            throw new ImageFormatException(file, e.offset(), "Pixel Data has " + e.length() + " bytes but the frames need "
                    + (bits + 7) / 8 + " (truncated)");
        }
        return e.value();
    }
}
