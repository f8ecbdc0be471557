package org.organ3d.io.dicom;

/**
 * Identification written with an image series by {@link DicomSeriesWriter}. Null UIDs are replaced
 * by fresh {@code 2.25.<uuid>} UIDs when the record is made, so one {@code SeriesInfo} names one
 * series; null texts are written empty.
 *
 * @param patientName        Patient's Name (PN, e.g. {@code Phantom^Abdomen})
 * @param patientId          Patient ID
 * @param studyInstanceUID   Study Instance UID
 * @param seriesInstanceUID  Series Instance UID
 * @param frameOfReferenceUID Frame of Reference UID
 * @param modality           Modality, e.g. {@code CT} (default) or {@code MR}
 * @param seriesDescription  Series Description
 * @param studyDescription   Study Description
 * @param seriesNumber       Series Number
 */
public record SeriesInfo(String patientName, String patientId, String studyInstanceUID, String seriesInstanceUID,
        String frameOfReferenceUID, String modality, String seriesDescription, String studyDescription,
        int seriesNumber) {

    public SeriesInfo {
        patientName = patientName == null ? "" : patientName;
        patientId = patientId == null ? "" : patientId;
        studyInstanceUID = uid(studyInstanceUID, "study");
        seriesInstanceUID = uid(seriesInstanceUID, "series");
        frameOfReferenceUID = uid(frameOfReferenceUID, "frame of reference");
        modality = modality == null || modality.isBlank() ? "CT" : modality.strip();
        seriesDescription = seriesDescription == null ? "" : seriesDescription;
        studyDescription = studyDescription == null ? "" : studyDescription;
        if (seriesNumber < 0) {
            throw new IllegalArgumentException("series number must not be negative: " + seriesNumber);
        }
    }

    private static String uid(String u, String what) {
        if (u == null || u.isBlank()) {
            return Uids.random();
        }
        if (!Uids.isValid(u.strip())) {
            throw new IllegalArgumentException("invalid " + what + " UID: " + u);
        }
        return u.strip();
    }

    /** A CT series for a patient, with fresh UIDs, series number 1. */
    public static SeriesInfo ct(String patientName, String patientId, String seriesDescription) {
        return new SeriesInfo(patientName, patientId, null, null, null, "CT", seriesDescription, null, 1);
    }

    /** A copy with another modality. */
    public SeriesInfo withModality(String m) {
        return new SeriesInfo(patientName, patientId, studyInstanceUID, seriesInstanceUID, frameOfReferenceUID, m,
                seriesDescription, studyDescription, seriesNumber);
    }

    /** A copy in the same study and frame of reference, as a new series (fresh series UID). */
    public SeriesInfo newSeries(int number, String description) {
        return new SeriesInfo(patientName, patientId, studyInstanceUID, null, frameOfReferenceUID, modality,
                description, studyDescription, number);
    }
}
