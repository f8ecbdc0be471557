package org.organ3d.net;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.organ3d.io.ReadOptions;
import org.organ3d.io.dicom.Attributes;
import org.organ3d.io.dicom.DicomSeriesReader;
import org.organ3d.io.dicom.ReferencedSeries;
import org.organ3d.io.dicom.DicomWriter;
import org.organ3d.io.dicom.SeriesInfo;
import org.organ3d.io.dicom.Tag;
import org.organ3d.io.dicom.Uids;
import org.organ3d.io.dicom.VR;
import org.organ3d.io.dicom.seg.SegWriter;
import org.organ3d.segment.Threshold;
import org.organ3d.segment.ThresholdRange;
import org.organ3d.volume.LabelMap;

/**
 * DICOM SEG, RTSTRUCT and SR instances in the study of a test series, for push tests: the SEG is
 * written by organ3d's {@link SegWriter} from a threshold of the series; the RTSTRUCT and the SR are
 * small instances built here with their SOP classes, the identifying modules (same patient, study
 * and frame of reference) and a reference to one image — what the archive must store and give back
 * unchanged is the dataset, whatever its content. // NB: switch them to core's RTSTRUCT and SR
 * writers when those land.
 */
final class ClinicalObjects {

    static final String RTSTRUCT = "1.2.840.10008.5.1.4.1.1.481.3";
    static final String COMPREHENSIVE_SR = "1.2.840.10008.5.1.4.1.1.88.33";

    private ClinicalObjects() {
    }

    /** Writes one SEG, one RTSTRUCT and one SR for {@code of} into {@code dir}; returns the files. */
    static List<Path> write(TestStudies.Series of, Path dir, String referencedSop) throws IOException {
        LabelMap labels = Threshold.apply(DicomSeriesReader.readFolder(of.folder(), ReadOptions.defaults()).volume(),
                new ThresholdRange(0, 3071), 1);
        Path seg = dir.resolve("seg.dcm");
        SegWriter.write(labels, ReferencedSeries.read(of.folder()), SegWriter.Options.binary(), seg);
        return List.of(seg,
                write(dir.resolve("rtstruct.dcm"), rtstruct(of.info(), referencedSop)),
                write(dir.resolve("sr.dcm"), sr(of.info(), referencedSop)));
    }

    private static Path write(Path f, Attributes ds) throws IOException {
        DicomWriter.write(f, ds);
        return f;
    }

    private static Attributes common(SeriesInfo s, String sopClass, String modality, int number) {
        Attributes ds = new Attributes();
        ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        ds.setString(Tag.SOPClassUID, VR.UI, sopClass);
        ds.setString(Tag.SOPInstanceUID, VR.UI, Uids.random());
        ds.setString(Tag.StudyDate, VR.DA, "20250101");
        ds.setString(Tag.Modality, VR.CS, modality);
        ds.setString(Tag.PatientName, VR.PN, s.patientName());
        ds.setString(Tag.PatientID, VR.LO, s.patientId());
        ds.setString(Tag.StudyInstanceUID, VR.UI, s.studyInstanceUID());
        ds.setString(Tag.SeriesInstanceUID, VR.UI, Uids.random());
        ds.setIntString(Tag.SeriesNumber, number);
        ds.setIntString(Tag.InstanceNumber, 1);
        ds.setString(Tag.FrameOfReferenceUID, VR.UI, s.frameOfReferenceUID());
        return ds;
    }

    private static Attributes reference(String sop) {
        Attributes r = new Attributes();
        r.setString(Tag.ReferencedSOPClassUID, VR.UI, Uids.CT_IMAGE_STORAGE);
        r.setString(Tag.ReferencedSOPInstanceUID, VR.UI, sop);
        return r;
    }

    static Attributes rtstruct(SeriesInfo s, String sop) {
        Attributes ds = common(s, RTSTRUCT, "RTSTRUCT", 91);
        ds.setString(0x30060002, VR.SH, "organ3d");
        Attributes roi = new Attributes();
        roi.setIntString(0x30060022, 1);
        roi.setString(0x30060024, VR.UI, s.frameOfReferenceUID());
        roi.setString(0x30060026, VR.LO, "liver");
        ds.setSequence(0x30060020, List.of(roi));
        Attributes contour = new Attributes();
        contour.setSequence(0x30060016, List.of(reference(sop)));
        contour.setString(0x30060042, VR.CS, "CLOSED_PLANAR");
        contour.setIntString(0x30060046, 3);
        contour.setDecimal(0x30060050, 0, 0, 30, 10, 0, 30, 0, 10, 30);
        Attributes roiContour = new Attributes();
        roiContour.setIntString(0x30060084, 1);
        roiContour.setSequence(0x30060040, List.of(contour));
        ds.setSequence(0x30060039, List.of(roiContour));
        return ds;
    }

    static Attributes sr(SeriesInfo s, String sop) {
        Attributes ds = common(s, COMPREHENSIVE_SR, "SR", 92);
        ds.setString(0x0040A040, VR.CS, "CONTAINER");
        ds.setString(0x0040A050, VR.CS, "SEPARATE");
        ds.setString(0x0040A491, VR.CS, "COMPLETE");
        ds.setString(0x0040A493, VR.CS, "UNVERIFIED");
        Attributes num = new Attributes();
        num.setString(0x0040A010, VR.CS, "CONTAINS");
        num.setString(0x0040A040, VR.CS, "NUM");
        Attributes value = new Attributes();
        value.setDecimal(0x0040A30A, 1339.07);
        num.setSequence(0x0040A300, List.of(value));
        ds.setSequence(0x0040A730, List.of(num));
        ds.setSequence(0x0040A375, List.of(reference(sop)));
        return ds;
    }
}
