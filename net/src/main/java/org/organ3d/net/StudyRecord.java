package org.organ3d.net;

import java.util.List;
import java.util.Objects;

/**
 * A study found on a PACS. Text fields are null where the server did not say.
 *
 * @param studyInstanceUID Study Instance UID
 * @param patientId        Patient ID
 * @param patientName      Patient's Name (PN as sent, e.g. {@code DOE^JOHN})
 * @param studyDate        Study Date ({@code YYYYMMDD})
 * @param accessionNumber  Accession Number
 * @param description      Study Description
 * @param modalities       Modalities in Study
 * @param series           the study's series (empty when not asked for)
 */
public record StudyRecord(String studyInstanceUID, String patientId, String patientName, String studyDate,
        String accessionNumber, String description, List<String> modalities, List<SeriesRecord> series) {

    public StudyRecord {
        Objects.requireNonNull(studyInstanceUID);
        modalities = List.copyOf(modalities);
        series = List.copyOf(series);
    }

    /** A copy with these series. */
    public StudyRecord withSeries(List<SeriesRecord> s) {
        return new StudyRecord(studyInstanceUID, patientId, patientName, studyDate, accessionNumber, description,
                modalities, s);
    }
}
