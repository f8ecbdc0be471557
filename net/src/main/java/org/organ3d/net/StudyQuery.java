package org.organ3d.net;

/**
 * What to search for (QIDO-RS study search or a study-level C-FIND). Null fields match everything;
 * text fields may use the DICOM wildcards {@code *} and {@code ?} where the server supports them.
 *
 * @param patientId        Patient ID
 * @param patientName      Patient's Name (PN, e.g. {@code DOE^JOHN} or {@code DOE*})
 * @param studyDate        Study Date range, or null
 * @param modality         a modality that the study must contain (Modalities in Study), e.g. CT
 * @param accessionNumber  Accession Number
 * @param studyInstanceUID one study
 * @param limit            the most studies to return (1..100000); the search pages through the
 *                         server's answers until it has them or the server has no more
 */
public record StudyQuery(String patientId, String patientName, DateRange studyDate, String modality,
        String accessionNumber, String studyInstanceUID, int limit) {

    /** Default {@link #limit()}. */
    public static final int DEFAULT_LIMIT = 1000;

    public StudyQuery {
        patientId = blankToNull(patientId);
        patientName = blankToNull(patientName);
        modality = blankToNull(modality);
        accessionNumber = blankToNull(accessionNumber);
        studyInstanceUID = blankToNull(studyInstanceUID);
        if (limit < 1 || limit > 100_000) {
            throw new IllegalArgumentException("the study limit must be in 1..100000: " + limit);
        }
        for (String v : new String[] {patientId, patientName, modality, accessionNumber, studyInstanceUID}) {
            if (v != null && (v.indexOf('\\') >= 0 || v.chars().anyMatch(c -> c < 0x20))) {
                throw new IllegalArgumentException("query values hold no backslash or control characters: '" + v + "'");
            }
        }
    }

    /** Everything (up to {@link #DEFAULT_LIMIT} studies). */
    public static StudyQuery all() {
        return new StudyQuery(null, null, null, null, null, null, DEFAULT_LIMIT);
    }

    /** A copy matching one Patient ID. */
    public StudyQuery withPatientId(String id) {
        return new StudyQuery(id, patientName, studyDate, modality, accessionNumber, studyInstanceUID, limit);
    }

    /** A copy matching a Patient's Name. */
    public StudyQuery withPatientName(String name) {
        return new StudyQuery(patientId, name, studyDate, modality, accessionNumber, studyInstanceUID, limit);
    }

    /** A copy matching a study date range. */
    public StudyQuery withStudyDate(DateRange d) {
        return new StudyQuery(patientId, patientName, d, modality, accessionNumber, studyInstanceUID, limit);
    }

    /** A copy matching studies that contain a modality. */
    public StudyQuery withModality(String m) {
        return new StudyQuery(patientId, patientName, studyDate, m, accessionNumber, studyInstanceUID, limit);
    }

    /** A copy matching an accession number. */
    public StudyQuery withAccessionNumber(String a) {
        return new StudyQuery(patientId, patientName, studyDate, modality, a, studyInstanceUID, limit);
    }

    /** A copy matching one study. */
    public StudyQuery withStudyInstanceUID(String uid) {
        return new StudyQuery(patientId, patientName, studyDate, modality, accessionNumber, uid, limit);
    }

    /** A copy with another limit. */
    public StudyQuery withLimit(int n) {
        return new StudyQuery(patientId, patientName, studyDate, modality, accessionNumber, studyInstanceUID, n);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
