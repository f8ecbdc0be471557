package org.organ3d.io.dicom;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What a writer of a derived object (SEG, RTSTRUCT, SR) put on disk: enough to cite it (an SR citing
 * a SEG's segments) or to push it to a PACS.
 *
 * @param file              the file written
 * @param sopClassUID       its SOP Class UID
 * @param sopInstanceUID    its SOP Instance UID (new)
 * @param seriesInstanceUID its Series Instance UID (new)
 * @param studyInstanceUID  the study it joined (the referenced series' study)
 * @param items             segments (SEG), ROIs (RTSTRUCT) or measurement groups (SR)
 * @param frames            frames (SEG), contours (RTSTRUCT) or content items (SR)
 * @param numberOfLabel     the Segment Number (SEG) or ROI Number (RTSTRUCT) each label value was
 *                          written as; empty for an SR
 */
public record WrittenInstance(Path file, String sopClassUID, String sopInstanceUID, String seriesInstanceUID,
        String studyInstanceUID, int items, int frames, java.util.Map<Integer, Integer> numberOfLabel) {

    public WrittenInstance {
        Objects.requireNonNull(file);
        Objects.requireNonNull(sopClassUID);
        Objects.requireNonNull(sopInstanceUID);
        Objects.requireNonNull(seriesInstanceUID);
        Objects.requireNonNull(studyInstanceUID);
        numberOfLabel = java.util.Map.copyOf(numberOfLabel == null ? java.util.Map.of() : numberOfLabel);
    }
}
