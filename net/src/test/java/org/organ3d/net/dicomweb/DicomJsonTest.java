package org.organ3d.net.dicomweb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.organ3d.io.dicom.Attributes;
import org.organ3d.io.dicom.Tag;
import org.organ3d.io.dicom.VR;

/** The DICOM JSON model (PS3.18 F.2, incl. its Annex F examples' shapes) read into Attributes. */
class DicomJsonTest {

    @Test
    void qidoStudyAnswerReads() throws Exception {
        String json = """
            [ {
              "00080020": {"vr": "DA", "Value": ["20130409"]},
              "00080061": {"vr": "CS", "Value": ["CT", "PET"]},
              "00100010": {"vr": "PN", "Value": [{"Alphabetic": "Wang^XiaoDong", "Ideographic": "王^小東"}]},
              "00100020": {"vr": "LO", "Value": ["12345"]},
              "0020000D": {"vr": "UI", "Value": ["1.2.392.200036.9116.2.2.2.1762893313.1029997326.945873"]},
              "00201206": {"vr": "IS", "Value": [4]},
              "00201208": {"vr": "IS", "Value": ["942"]},
              "00081190": {"vr": "UR", "Value": ["http://wado.nema.org/studies/1.2.392"]},
              "00280010": {"vr": "US", "Value": [512]},
              "00181310": {"vr": "US", "Value": [0, 512, 512, 0]},
              "00200032": {"vr": "DS", "Value": [-120.5, 1e2, 0.000001234]},
              "00189087": {"vr": "FD", "Value": [1000.5]},
              "00080081": {"vr": "ST"},
              "7FE00010": {"vr": "OW", "BulkDataURI": "http://x/bulk"},
              "00091002": {"vr": "OB", "InlineBinary": "AAECAw=="},
              "00081199": {"vr": "SQ", "Value": [{"00081155": {"vr": "UI", "Value": ["1.2.3"]}}]},
              "00080054": {"vr": "AE", "Value": [null, "ORTHANC"]}
            } ]""";
        List<Attributes> l = DicomJson.parseArray(json);
        assertEquals(1, l.size());
        Attributes a = l.get(0);
        assertEquals("20130409", a.getString(Tag.StudyDate));
        assertArrayEquals(new String[] {"CT", "PET"}, a.getStrings(Tag.ModalitiesInStudy));
        assertEquals("Wang^XiaoDong=王^小東", a.getText(Tag.PatientName));
        assertEquals("12345", a.getString(Tag.PatientID));
        assertEquals(4, a.getInt(Tag.NumberOfStudyRelatedSeries, -1));
        assertEquals(942, a.getInt(Tag.NumberOfStudyRelatedInstances, -1));
        assertEquals(512, a.getInt(Tag.Rows, -1));
        assertEquals(VR.US, a.get(Tag.Rows).vr());
        assertArrayEquals(new double[] {0, 512, 512, 0}, a.getDoubles(0x00181310));
        assertArrayEquals(new double[] {-120.5, 100, 0.000001234}, a.getDoubles(Tag.ImagePositionPatient), 1e-15);
        assertEquals(1000.5, a.getDouble(0x00189087, 0));
        assertEquals(0, a.get(0x00080081).length());
        assertEquals(0, a.get(Tag.PixelData).length(), "bulk data is not fetched");
        assertArrayEquals(new double[] {0, 1, 2, 3}, a.getDoubles(0x00091002));
        assertEquals("1.2.3", a.getItem(Tag.ReferencedSOPSequence).getString(Tag.ReferencedSOPInstanceUID));
        assertArrayEquals(new String[] {"", "ORTHANC"}, a.getStrings(Tag.RetrieveAETitle));
        assertEquals(0, DicomJson.parseArray("[]").size());
    }

    @Test
    void malformedJsonAndModelAreTypedErrors() {
        for (String bad : List.of("", "[", "[{]", "{\"0020000D\": 5}", "[{\"0020000D\": {\"Value\": [\"1\"]}}]",
                "[{\"0020000D\": {\"vr\": \"XX\"}}]", "[{\"nottag\": {\"vr\": \"UI\"}}]",
                "[{\"00280010\": {\"vr\": \"US\", \"Value\": [\"abc\"]}}]", "[{\"00091002\": {\"vr\": \"OB\", \"InlineBinary\": \"!!\"}}]",
                "[1] x", "[\"\\q\"]", "[01]", "[1e99999]", "[" + "[".repeat(200) + "]".repeat(200) + "]")) {
            DicomJson.FormatException e = assertThrows(DicomJson.FormatException.class, () -> DicomJson.parseArray(bad), bad);
            assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());
        }
    }

    @Test
    void stowAnswerReads() throws Exception {
        Attributes a = DicomJson.parseObject("""
            {"00081190": {"vr": "UR", "Value": ["http://x/studies/1"]},
             "00081198": {"vr": "SQ", "Value": [{"00081150": {"vr": "UI", "Value": ["1.2.840.10008.5.1.4.1.1.2"]},
                                                 "00081155": {"vr": "UI", "Value": ["1.2.4"]},
                                                 "00081197": {"vr": "US", "Value": [49442]}}]},
             "00081199": {"vr": "SQ", "Value": [{"00081155": {"vr": "UI", "Value": ["1.2.5"]}}]}}""");
        assertEquals("1.2.4", a.getItem(Tag.FailedSOPSequence).getString(Tag.ReferencedSOPInstanceUID));
        assertEquals(0xC122, a.getItem(Tag.FailedSOPSequence).getInt(Tag.FailureReason, -1));
        assertEquals("1.2.5", a.getItem(Tag.ReferencedSOPSequence).getString(Tag.ReferencedSOPInstanceUID));
    }
}
