package org.organ3d.io.dicom.rtstruct;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.organ3d.io.ReadWarning;

/**
 * An RT Structure Set as read ({@link RtStructReader}): ROIs with their contours in patient
 * coordinates, not yet placed on any grid ({@link ContourRasterizer} does that).
 *
 * @param file                the RTSTRUCT file
 * @param transferSyntaxUID   its transfer syntax
 * @param sopInstanceUID      its SOP Instance UID
 * @param seriesInstanceUID   its series
 * @param studyInstanceUID    its study
 * @param frameOfReferenceUID the Frame of Reference its contours are in (first Referenced Frame of
 *                            Reference), or null
 * @param referencedSeriesUID the image series it cites, or null
 * @param label               Structure Set Label
 * @param rois                the ROIs, in Structure Set ROI order
 * @param warnings            contours skipped or repaired while reading, naming their ROI
 */
public record RtStructureSet(Path file, String transferSyntaxUID, String sopInstanceUID, String seriesInstanceUID,
        String studyInstanceUID, String frameOfReferenceUID, String referencedSeriesUID, String label, List<RtRoi> rois,
        List<ReadWarning> warnings) {

    /** Format name in {@code LoadedImage.format()} and the CLI's JSON. */
    public static final String FORMAT = "dicom-rtstruct";

    public RtStructureSet {
        Objects.requireNonNull(file);
        rois = List.copyOf(rois);
        warnings = List.copyOf(warnings);
    }

    /** The ROI with this number. */
    public Optional<RtRoi> roi(int number) {
        return rois.stream().filter(r -> r.number() == number).findFirst();
    }
}
