package org.organ3d.io.dicom.sr;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.organ3d.io.dicom.CodedConcept;
import org.organ3d.io.dicom.WrittenInstance;
import org.organ3d.io.dicom.seg.Segment;
import org.organ3d.io.dicom.seg.Segmentation;
import org.organ3d.volume.LabelMap;

/**
 * The DICOM SEG a measurement report cites: its identity and, per label value, the segment number
 * (the report's Referenced Segment items) and the segment's coded type (its Finding).
 *
 * @param sopClassUID       the SEG's SOP Class UID
 * @param sopInstanceUID    its SOP Instance UID
 * @param seriesInstanceUID its series
 * @param studyInstanceUID  its study (the report's)
 * @param segmentOfLabel    segment number of each label value
 * @param typeOfLabel       Segmented Property Type of each label value (may lack some)
 */
public record CitedSegmentation(String sopClassUID, String sopInstanceUID, String seriesInstanceUID,
        String studyInstanceUID, Map<Integer, Integer> segmentOfLabel, Map<Integer, CodedConcept> typeOfLabel) {

    public CitedSegmentation {
        Objects.requireNonNull(sopClassUID);
        Objects.requireNonNull(sopInstanceUID);
        Objects.requireNonNull(seriesInstanceUID);
        Objects.requireNonNull(studyInstanceUID);
        segmentOfLabel = Map.copyOf(segmentOfLabel);
        typeOfLabel = Map.copyOf(typeOfLabel);
    }

    /** A SEG as read. */
    public static CitedSegmentation of(Segmentation s) {
        Map<Integer, Integer> numbers = new HashMap<>();
        Map<Integer, CodedConcept> types = new HashMap<>();
        for (Segment seg : s.segments()) {
            numbers.put(seg.labelValue(), seg.number());
            types.put(seg.labelValue(), seg.type());
        }
        return new CitedSegmentation(s.sopClassUID(), s.sopInstanceUID(), s.seriesInstanceUID(), s.studyInstanceUID(),
                numbers, types);
    }

    /**
     * A SEG just written by {@link org.organ3d.io.dicom.seg.SegWriter} from {@code labels}: the types
     * are those the writer gave the segments (from their names, {@link Segment#describe}).
     */
    public static CitedSegmentation of(WrittenInstance w, LabelMap labels) {
        Map<Integer, CodedConcept> types = new HashMap<>();
        for (int label : w.numberOfLabel().keySet()) {
            types.put(label, Segment.describe(1, label, labels.info(label).orElse(null), "MANUAL", null).type());
        }
        return new CitedSegmentation(w.sopClassUID(), w.sopInstanceUID(), w.seriesInstanceUID(), w.studyInstanceUID(),
                w.numberOfLabel(), types);
    }
}
