package org.organ3d.net;

import java.util.ArrayList;
import java.util.List;
import org.organ3d.io.dicom.Attributes;
import org.organ3d.io.dicom.Tag;
import org.organ3d.io.dicom.Uids;

/**
 * Study, series and instance records from query answers, which arrive as datasets whether they come
 * from QIDO-RS (DICOM JSON) or C-FIND (binary): one reading for both protocols. Thread-safe.
 */
public final class QueryResults {

    private QueryResults() {
    }

    /**
     * A study from a study-level answer (series not filled in).
     *
     * @throws PacsException if the answer has no valid Study Instance UID
     */
    public static StudyRecord study(Attributes a, String source) throws PacsException {
        String uid = requireUid(a, Tag.StudyInstanceUID, "Study Instance UID", source);
        List<String> modalities = new ArrayList<>();
        for (String m : a.getStrings(Tag.ModalitiesInStudy)) {
            if (!m.isEmpty() && !modalities.contains(m)) {
                modalities.add(m);
            }
        }
        return new StudyRecord(uid, a.getString(Tag.PatientID), a.getText(Tag.PatientName), a.getString(Tag.StudyDate),
                a.getString(Tag.AccessionNumber), a.getText(Tag.StudyDescription), modalities, List.of());
    }

    /**
     * A series from a series-level answer.
     *
     * @throws PacsException if the answer has no valid Series Instance UID
     */
    public static SeriesRecord series(String studyUID, Attributes a, String source) throws PacsException {
        String uid = requireUid(a, Tag.SeriesInstanceUID, "Series Instance UID", source);
        int n = -1;
        Integer number = null;
        try {
            double[] c = a.getDoubles(Tag.NumberOfSeriesRelatedInstances);
            n = c.length == 0 || c[0] < 0 ? -1 : (int) Math.min(Integer.MAX_VALUE, c[0]);
            double[] sn = a.getDoubles(Tag.SeriesNumber);
            number = sn.length == 0 ? null : (int) sn[0];
        } catch (NumberFormatException e) {
            // NB: a malformed count or number is reported as unknown rather than failing the search
        }
        return new SeriesRecord(studyUID, uid, a.getString(Tag.Modality), number, a.getText(Tag.SeriesDescription), n);
    }

    /**
     * An instance from an instance-level answer.
     *
     * @throws PacsException if the answer has no valid SOP Instance UID
     */
    public static InstanceRecord instance(Attributes a, String source) throws PacsException {
        String uid = requireUid(a, Tag.SOPInstanceUID, "SOP Instance UID", source);
        return new InstanceRecord(uid, a.getString(Tag.SOPClassUID));
    }

    /** The modalities of a study from its series, when the server did not list Modalities in Study. */
    public static StudyRecord withSeriesModalities(StudyRecord s, List<SeriesRecord> series) {
        List<String> m = new ArrayList<>(s.modalities());
        for (SeriesRecord r : series) {
            if (r.modality() != null && !m.contains(r.modality())) {
                m.add(r.modality());
            }
        }
        return new StudyRecord(s.studyInstanceUID(), s.patientId(), s.patientName(), s.studyDate(), s.accessionNumber(),
                s.description(), m, series);
    }

    private static String requireUid(Attributes a, int tag, String what, String source) throws PacsException {
        String uid = a.getString(tag);
        if (!Uids.isValid(uid)) {
            throw new PacsException(source + " answered with a " + what + " that is not a valid UID: '" + uid + "'");
        }
        return uid;
    }
}
