package org.organ3d.io.dicom.rtstruct;

import java.util.List;
import java.util.Objects;

/**
 * One region of interest of an RT Structure Set: identity (Structure Set ROI Sequence), colour and
 * contours (ROI Contour Sequence) and interpreted type (RT ROI Observations Sequence).
 *
 * @param number              ROI Number (any integer the file uses)
 * @param name                ROI Name ("" when absent)
 * @param rgba                ROI Display Color as 0xRRGGBBAA, or 0 when the file gives none
 * @param interpretedType     RT ROI Interpreted Type (ORGAN, PTV, EXTERNAL ...) or ""
 * @param frameOfReferenceUID Referenced Frame of Reference UID of the ROI, or null
 * @param contours            its contours, in file order (unmodifiable)
 */
public record RtRoi(int number, String name, int rgba, String interpretedType, String frameOfReferenceUID,
        List<RtContour> contours) {

    public RtRoi {
        name = name == null ? "" : name;
        interpretedType = interpretedType == null ? "" : interpretedType;
        contours = List.copyOf(Objects.requireNonNull(contours));
    }

    /** The contours of one geometric type. */
    public List<RtContour> contours(String geometricType) {
        return contours.stream().filter(c -> c.geometricType().equals(geometricType)).toList();
    }
}
