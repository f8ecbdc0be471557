package org.organ3d.io.dicom.seg;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.joml.Vector3d;
import org.organ3d.io.dicom.Attributes;
import org.organ3d.io.dicom.CodedConcept;
import org.organ3d.io.dicom.DicomWriter;
import org.organ3d.io.dicom.ReferencedSeries;
import org.organ3d.io.dicom.Tag;
import org.organ3d.io.dicom.Uids;
import org.organ3d.io.dicom.VR;
import org.organ3d.io.dicom.WrittenInstance;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.SliceBounds;

/**
 * Writes a {@link LabelMap} as a DICOM Segmentation (PS3.3 A.51) on the grid of the series it was
 * drawn on, in explicit VR little endian, atomically.
 *
 * <p><b>Binary SEG</b> (Segmentation Storage, the default): one segment per label value present,
 * numbered 1..n in ascending label order; one 1-bit frame per segment and slice that holds the
 * segment (slices without it are left out, so the reader needs the referenced grid, which the file
 * cites frame by frame). Frames are ordered by segment, then slice; each carries Plane Position,
 * Segment Identification, Frame Content (Dimension Index Values: segment number, slice k + 1) and
 * Derivation Image (the source slice). A label value other than its segment number (labels that are
 * not 1..n) is kept in organ3d's private element (0073,1001) of the segment item, so organ3d reads
 * the same values back; other readers see segments 1..n with their names.
 *
 * <p><b>Label map SEG</b> (Label Map Segmentation Storage, DICOM Supplement 243): one 8- or 16-bit
 * frame per slice that holds any label, the pixel value being the label, which is the segment
 * number (label map SEGs allow any numbers 1..65535); segment 0 is the background.
 *
 * <p>Study, Patient and Frame of Reference are copied from the referenced series (see
 * {@link ReferencedSeries#copyIdentityTo}); SOP Instance and Series Instance UIDs are new
 * ({@link Uids#random()}). Pixel data are packed in parallel, in chunks of frames, and streamed to the
 * file ({@link DicomWriter.BulkValue}): memory beyond the label map is the per-frame headers plus
 * one chunk of frames.
 *
 * <p>Thread-safe (stateless); uses all cores.
 */
public final class SegWriter {

    /** Binary (one 1-bit frame per segment and slice) or label map (one frame per slice). */
    public enum Type {
        BINARY, LABELMAP
    }

    /**
     * What to write beyond the voxels.
     *
     * @param type              binary or label map SEG
     * @param seriesDescription Series Description of the new series
     * @param seriesNumber      Series Number of the new series
     * @param algorithmType     Segment Algorithm Type of every segment: AUTOMATIC, SEMIAUTOMATIC or MANUAL
     * @param algorithmName     Segment Algorithm Name (unless MANUAL)
     * @param segments          segment descriptions by label value, overriding the defaults made from
     *                          the label map's names and colours (may be empty)
     */
    public record Options(Type type, String seriesDescription, int seriesNumber, String algorithmType,
            String algorithmName, Map<Integer, Segment> segments) {
        public Options {
            Objects.requireNonNull(type);
            seriesDescription = seriesDescription == null ? "organ3d segmentation" : seriesDescription;
            if (seriesNumber < 0) {
                throw new IllegalArgumentException("series number must not be negative: " + seriesNumber);
            }
            segments = Map.copyOf(segments == null ? Map.of() : segments);
        }

        /** Binary SEG, series 900 "organ3d segmentation", semi-automatic segments by "organ3d". */
        public static Options binary() {
            return new Options(Type.BINARY, null, 900, "SEMIAUTOMATIC", "organ3d", Map.of());
        }

        /** Label map SEG with the same defaults. */
        public static Options labelMap() {
            return new Options(Type.LABELMAP, null, 900, "SEMIAUTOMATIC", "organ3d", Map.of());
        }

        /** The same with another series description and number. */
        public Options withSeries(String description, int number) {
            return new Options(type, description, number, algorithmType, algorithmName, segments);
        }

        /** The same with another algorithm type and name for every segment. */
        public Options withAlgorithm(String type, String name) {
            return new Options(this.type, seriesDescription, seriesNumber, type, name, segments);
        }

        /** The same with explicit segment descriptions (by label value). */
        public Options withSegments(Map<Integer, Segment> bySegmentLabel) {
            return new Options(type, seriesDescription, seriesNumber, algorithmType, algorithmName, bySegmentLabel);
        }
    }

    /** Purpose of the reference from each frame to its source slice. */
    static final CodedConcept SOURCE_IMAGE = new CodedConcept("121322", "DCM", "Source image for image processing operation");
    /** Derivation of each frame. */
    static final CodedConcept SEGMENTATION = new CodedConcept("113076", "DCM", "Segmentation");
    /** Category and type of the background segment 0 of a label map SEG. */
    static final CodedConcept BACKGROUND = new CodedConcept("125040", "DCM", "Background");
    /** The organ3d private creator written with label values. */
    static final String PRIVATE_CREATOR = "organ3d";

    /** One frame: the segment (index into the segment list), its label, slice k and the rows it occupies. */
    record Frame(int segment, int label, int k, int jMin, int jMax) {
    }

    private SegWriter() {
    }

    /**
     * Writes {@code labels} (on {@code reference}'s grid, or a re-indexed view of it; see
     * {@link ReferencedSeries#onGrid}) to {@code file}.
     *
     * @return the written instance (UIDs, segments, frames)
     * @throws org.organ3d.io.ImageFormatException if the label map is not on the referenced grid or
     *                                             holds no label, or the pixel data would exceed 4 GiB
     * @throws IOException                         if the file cannot be written (nothing is left behind)
     */
    public static WrittenInstance write(LabelMap labels, ReferencedSeries reference, Options options, Path file)
            throws IOException {
        LabelMap map = reference.onGrid(labels, file);
        List<List<SliceBounds.Box>> bounds = SliceBounds.of(map);
        TreeSet<Integer> present = new TreeSet<>();
        bounds.forEach(l -> l.forEach(b -> present.add(b.label())));
        if (present.isEmpty()) {
            throw new org.organ3d.io.ImageFormatException(file, -1, "the label map holds no label (all voxels are 0): "
                    + "nothing to write as a segmentation");
        }
        boolean binary = options.type() == Type.BINARY;
        List<Segment> segments = new ArrayList<>();
        Map<Integer, Integer> segmentIndex = new HashMap<>();
        for (int label : present) {
            int number = binary ? segments.size() + 1 : label;
            Segment given = options.segments().get(label);
            Segment s = given != null
                    ? new Segment(number, label, given.label(), given.description(), given.rgba(), given.category(),
                            given.type(), given.algorithmType(), given.algorithmName())
                    : Segment.describe(number, label, map.info(label).orElse(null), options.algorithmType(),
                            options.algorithmName());
            segmentIndex.put(label, segments.size());
            segments.add(s);
        }
        List<Frame> frames = new ArrayList<>();
        if (binary) {
            List<List<Frame>> bySegment = new ArrayList<>();
            segments.forEach(s -> bySegment.add(new ArrayList<>()));
            for (int k = 0; k < bounds.size(); k++) {
                for (SliceBounds.Box b : bounds.get(k)) {
                    bySegment.get(segmentIndex.get(b.label())).add(new Frame(segmentIndex.get(b.label()), b.label(), k,
                            b.jMin(), b.jMax()));
                }
            }
            bySegment.forEach(frames::addAll);
        } else {
            for (int k = 0; k < bounds.size(); k++) {
                List<SliceBounds.Box> bs = bounds.get(k);
                if (!bs.isEmpty()) {
                    int j0 = bs.stream().mapToInt(SliceBounds.Box::jMin).min().orElseThrow();
                    int j1 = bs.stream().mapToInt(SliceBounds.Box::jMax).max().orElseThrow();
                    frames.add(new Frame(-1, 0, k, j0, j1));
                }
            }
        }
        int bitsAllocated = binary ? 1 : present.last() > 255 ? 16 : 8;
        SegFrames packer = new SegFrames(map, frames, bitsAllocated);
        if (packer.pixelBytes() >= 0xFFFFFFFEL) {
            throw new org.organ3d.io.ImageFormatException(file, -1, frames.size() + " frames need " + packer.pixelBytes()
                    + " bytes of pixel data, more than one DICOM file holds (4 GiB)");
        }
        Attributes ds = header(reference, options, segments, frames, bitsAllocated, map.geometry());
        String sopClass = ds.getString(Tag.SOPClassUID);
        DicomWriter.write(file, ds, new DicomWriter.BulkValue(Tag.PixelData, binary ? VR.OB : bitsAllocated == 8 ? VR.OB : VR.OW,
                packer.pixelBytes(), packer::writeTo));
        Map<Integer, Integer> numbers = new HashMap<>();
        segments.forEach(s -> numbers.put(s.labelValue(), s.number()));
        return new WrittenInstance(file, sopClass, ds.getString(Tag.SOPInstanceUID), ds.getString(Tag.SeriesInstanceUID),
                reference.studyInstanceUID(), segments.size(), frames.size(), numbers);
    }

    private static Attributes header(ReferencedSeries ref, Options o, List<Segment> segments, List<Frame> frames,
            int bitsAllocated, Geometry g) {
        boolean binary = o.type() == Type.BINARY;
        Attributes ds = ref.derivedInstanceHeader(binary ? Uids.SEGMENTATION_STORAGE : Uids.LABEL_MAP_SEGMENTATION_STORAGE,
                "SEG", o.seriesDescription(), o.seriesNumber(), true);
        ds.setString(Tag.ImageType, VR.CS, "DERIVED", "PRIMARY");
        ds.setString(Tag.PositionReferenceIndicator, VR.LO, "");
        ds.setString(Tag.DeviceSerialNumber, VR.LO, "1");
        ds.setSequence(Tag.ReferencedSeriesSequence, List.of(ref.referencedSeriesItem()));
        String dimOrg = Uids.random();
        Attributes org = new Attributes();
        org.setString(Tag.DimensionOrganizationUID, VR.UI, dimOrg);
        ds.setSequence(Tag.DimensionOrganizationSequence, List.of(org));
        List<Attributes> dims = new ArrayList<>();
        if (binary) {
            dims.add(dimension(dimOrg, Tag.ReferencedSegmentNumber, Tag.SegmentIdentificationSequence, "ReferencedSegmentNumber"));
        }
        dims.add(dimension(dimOrg, Tag.ImagePositionPatient, Tag.PlanePositionSequence, "ImagePositionPatient"));
        ds.setSequence(Tag.DimensionIndexSequence, dims);
        ds.setInt(Tag.SamplesPerPixel, VR.US, 1);
        ds.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        ds.setIntString(Tag.NumberOfFrames, frames.size());
        ds.setInt(Tag.Rows, VR.US, ref.dimensions().ny());
        ds.setInt(Tag.Columns, VR.US, ref.dimensions().nx());
        ds.setInt(Tag.BitsAllocated, VR.US, bitsAllocated);
        ds.setInt(Tag.BitsStored, VR.US, bitsAllocated);
        ds.setInt(Tag.HighBit, VR.US, bitsAllocated - 1);
        ds.setInt(Tag.PixelRepresentation, VR.US, 0);
        if (!binary) {
            ds.setInt(Tag.PixelPaddingValue, VR.US, 0);
        }
        ds.setString(Tag.LossyImageCompression, VR.CS, "00");
        ds.setString(Tag.SegmentationType, VR.CS, binary ? "BINARY" : "LABELMAP");
        ds.setSequence(Tag.SegmentSequence, segmentItems(segments, binary));
        ds.setString(Tag.SegmentsOverlap, VR.CS, "NO");
        ds.setString(Tag.ContentLabel, VR.CS, "SEGMENTATION");
        ds.setString(Tag.ContentDescription, VR.LO, o.seriesDescription());
        ds.setString(Tag.ContentCreatorName, VR.PN, "");
        ds.setSequence(Tag.SharedFunctionalGroupsSequence, List.of(sharedGroups(g)));
        ds.setSequence(Tag.PerFrameFunctionalGroupsSequence, perFrameGroups(ref, segments, frames, binary));
        return ds;
    }

    private static Attributes dimension(String org, int pointer, int group, String label) {
        Attributes a = new Attributes();
        a.setString(Tag.DimensionOrganizationUID, VR.UI, org);
        a.setInt(Tag.DimensionIndexPointer, VR.AT, (pointer >>> 16) | (pointer << 16));
        a.setInt(Tag.FunctionalGroupPointer, VR.AT, (group >>> 16) | (group << 16));
        a.setString(Tag.DimensionDescriptionLabel, VR.LO, label);
        return a;
    }

    private static List<Attributes> segmentItems(List<Segment> segments, boolean binary) {
        List<Attributes> items = new ArrayList<>();
        if (!binary) {
            // NB: Supplement 243 describes pixel value 0 as a segment of its own, the background
            Segment first = segments.get(0);
            Attributes bg = Attributes.utf8();
            bg.setSequence(Tag.SegmentedPropertyCategoryCodeSequence, List.of(BACKGROUND.toItem()));
            bg.setInt(Tag.SegmentNumber, VR.US, 0);
            bg.setString(Tag.SegmentLabel, VR.LO, "Background");
            bg.setString(Tag.SegmentAlgorithmType, VR.CS, first.algorithmType());
            if (first.algorithmName() != null) {
                bg.setString(Tag.SegmentAlgorithmName, VR.LO, first.algorithmName());
            }
            bg.setInt(Tag.RecommendedDisplayCIELabValue, VR.US, 0, 32896, 32896);
            bg.setSequence(Tag.SegmentedPropertyTypeCodeSequence, List.of(BACKGROUND.toItem()));
            items.add(bg);
        }
        for (Segment s : segments) {
            Attributes a = Attributes.utf8();
            a.setSequence(Tag.SegmentedPropertyCategoryCodeSequence, List.of(s.category().toItem()));
            a.setInt(Tag.SegmentNumber, VR.US, s.number());
            a.setString(Tag.SegmentLabel, VR.LO, s.label());
            if (s.description() != null) {
                a.setString(Tag.SegmentDescription, VR.ST, s.description());
            }
            a.setString(Tag.SegmentAlgorithmType, VR.CS, s.algorithmType());
            if (s.algorithmName() != null) {
                a.setString(Tag.SegmentAlgorithmName, VR.LO, s.algorithmName());
            }
            a.setInt(Tag.RecommendedDisplayCIELabValue, VR.US, CieLab.fromRgba(s.rgba()));
            a.setSequence(Tag.SegmentedPropertyTypeCodeSequence, List.of(s.type().toItem()));
            if (binary && s.labelValue() != s.number()) {
                a.setString(Tag.Organ3dPrivateCreator, VR.LO, PRIVATE_CREATOR);
                a.setInt(Tag.Organ3dLabelValue, VR.US, s.labelValue());
            }
            items.add(a);
        }
        return items;
    }

    private static Attributes sharedGroups(Geometry g) {
        Vector3d row = g.direction().getColumn(0, new Vector3d());
        Vector3d col = g.direction().getColumn(1, new Vector3d());
        Vector3d sp = g.spacing();
        Attributes orientation = new Attributes();
        orientation.setDecimal(Tag.ImageOrientationPatient, row.x, row.y, row.z, col.x, col.y, col.z);
        Attributes measures = new Attributes();
        measures.setDecimal(Tag.PixelSpacing, sp.y, sp.x);
        measures.setDecimal(Tag.SliceThickness, g.sliceThicknessAlongNormal());
        measures.setDecimal(Tag.SpacingBetweenSlices, g.sliceThicknessAlongNormal());
        Attributes shared = new Attributes();
        shared.setSequence(Tag.PlaneOrientationSequence, List.of(orientation));
        shared.setSequence(Tag.PixelMeasuresSequence, List.of(measures));
        return shared;
    }

    private static List<Attributes> perFrameGroups(ReferencedSeries ref, List<Segment> segments, List<Frame> frames,
            boolean binary) {
        Attributes purpose = SOURCE_IMAGE.toItem();
        Attributes derivationCode = SEGMENTATION.toItem();
        Map<Integer, Attributes> derivationByK = new HashMap<>();
        Map<Integer, Attributes> positionByK = new HashMap<>();
        List<Attributes> segmentIds = new ArrayList<>();
        for (Segment s : segments) {
            Attributes id = new Attributes();
            id.setInt(Tag.ReferencedSegmentNumber, VR.US, s.number());
            segmentIds.add(id);
        }
        List<Attributes> items = new ArrayList<>(frames.size());
        for (Frame f : frames) {
            Attributes derivation = derivationByK.computeIfAbsent(f.k(), k -> {
                ReferencedSeries.Instance in = ref.slice(k);
                Attributes src = new Attributes();
                src.setString(Tag.ReferencedSOPClassUID, VR.UI, in.sopClassUID());
                src.setString(Tag.ReferencedSOPInstanceUID, VR.UI, in.sopInstanceUID());
                if (in.frameNumber() > 0) {
                    src.setIntString(Tag.ReferencedFrameNumber, in.frameNumber());
                }
                src.setSequence(Tag.PurposeOfReferenceCodeSequence, List.of(purpose));
                Attributes d = new Attributes();
                d.setSequence(Tag.SourceImageSequence, List.of(src));
                d.setSequence(Tag.DerivationCodeSequence, List.of(derivationCode));
                return d;
            });
            Attributes position = positionByK.computeIfAbsent(f.k(), k -> {
                double[] p = ref.slicePosition(k);
                Attributes a = new Attributes();
                a.setDecimal(Tag.ImagePositionPatient, p[0], p[1], p[2]);
                return a;
            });
            Attributes content = new Attributes();
            if (binary) {
                content.setInt(Tag.DimensionIndexValues, VR.UL, segments.get(f.segment()).number(), f.k() + 1);
            } else {
                content.setInt(Tag.DimensionIndexValues, VR.UL, f.k() + 1);
            }
            Attributes item = new Attributes();
            item.setSequence(Tag.DerivationImageSequence, List.of(derivation));
            item.setSequence(Tag.FrameContentSequence, List.of(content));
            item.setSequence(Tag.PlanePositionSequence, List.of(position));
            if (binary) {
                item.setSequence(Tag.SegmentIdentificationSequence, List.of(segmentIds.get(f.segment())));
            }
            items.add(item);
        }
        return items;
    }
}
