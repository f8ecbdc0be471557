package org.organ3d.io.dicom.seg;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.organ3d.io.LoadedImage;
import org.organ3d.io.ReadWarning;
import org.organ3d.volume.LabelInfo;
import org.organ3d.volume.LabelMap;

/**
 * A DICOM segmentation read into a label map ({@link SegReader}).
 *
 * @param file                the SEG file
 * @param transferSyntaxUID   the transfer syntax it was stored in
 * @param sopClassUID         Segmentation Storage or Label Map Segmentation Storage
 * @param sopInstanceUID      the SEG's SOP Instance UID (what an SR cites)
 * @param seriesInstanceUID   the SEG's series
 * @param studyInstanceUID    the study
 * @param referencedSeriesUID the series the SEG cites (Referenced Series Sequence), or null
 * @param segmentationType    BINARY, FRACTIONAL or LABELMAP
 * @param segments            the segments read (all, or those asked for), by segment number
 * @param labels              the label map: label value of each segment where its frames are set
 * @param onReferencedGrid    true when the label map lies on the referenced series' grid, false when
 *                            it was rebuilt from the SEG's own frame positions
 * @param warnings            overlaps, the grid used, irregularities, in words
 */
public record Segmentation(Path file, String transferSyntaxUID, String sopClassUID, String sopInstanceUID, String seriesInstanceUID,
        String studyInstanceUID, String referencedSeriesUID, String segmentationType, List<Segment> segments,
        LabelMap labels, boolean onReferencedGrid, List<ReadWarning> warnings) {

    /** Format name in {@link LoadedImage#format()} and the CLI's JSON. */
    public static final String FORMAT = "dicom-seg";

    public Segmentation {
        Objects.requireNonNull(file);
        Objects.requireNonNull(labels);
        segments = List.copyOf(segments);
        warnings = List.copyOf(warnings);
    }

    /** The segment with this number, if read. */
    public Optional<Segment> segment(int number) {
        return segments.stream().filter(s -> s.number() == number).findFirst();
    }

    /** The segment that became label {@code value}, if any. */
    public Optional<Segment> segmentOfLabel(int value) {
        return segments.stream().filter(s -> s.labelValue() == value).findFirst();
    }

    /**
     * As a {@link LoadedImage} (format {@value #FORMAT}) with the segments' names and colours and
     * attributes {@code modality} (SEG), {@code sopClassUID}, {@code sopInstanceUID},
     * {@code transferSyntaxUID}, {@code files} (1), {@code seriesInstanceUID}, {@code studyInstanceUID}, {@code referencedSeriesInstanceUID},
     * {@code segmentationType}, {@code segments} (count) and {@code grid} ({@code referenced} or
     * {@code own}).
     */
    public LoadedImage toLoadedImage() {
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("modality", "SEG");
        attrs.put("sopClassUID", sopClassUID);
        attrs.put("sopInstanceUID", sopInstanceUID);
        attrs.put("transferSyntaxUID", transferSyntaxUID);
        attrs.put("files", "1");
        if (seriesInstanceUID != null) {
            attrs.put("seriesInstanceUID", seriesInstanceUID);
        }
        if (studyInstanceUID != null) {
            attrs.put("studyInstanceUID", studyInstanceUID);
        }
        if (referencedSeriesUID != null) {
            attrs.put("referencedSeriesInstanceUID", referencedSeriesUID);
        }
        attrs.put("segmentationType", segmentationType);
        attrs.put("segments", Integer.toString(segments.size()));
        attrs.put("grid", onReferencedGrid ? "referenced" : "own");
        Map<Integer, LabelInfo> infos = new LinkedHashMap<>();
        for (Segment s : segments) {
            infos.put(s.labelValue(), s.toLabelInfo());
        }
        return new LoadedImage(file, FORMAT, labels.labels(), attrs, infos, warnings);
    }
}
