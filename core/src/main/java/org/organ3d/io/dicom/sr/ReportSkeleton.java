package org.organ3d.io.dicom.sr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.organ3d.io.dicom.Attributes;
import org.organ3d.io.dicom.DicomWriter;
import org.organ3d.io.dicom.ReferencedSeries;
import org.organ3d.io.dicom.Tag;
import org.organ3d.io.dicom.Uids;
import org.organ3d.io.dicom.VR;

/**
 * What every organ3d TID 1500 report shares, whatever its measurement groups: the root container
 * with language (TID 1204), device observer (TID 1001/1004), procedure reported and the Image
 * Library (TID 1600) of the measured series, and the header of the Comprehensive 3D SR (Patient,
 * Study and evidence from the series). Used by {@link MeasurementReportWriter} (label measurements)
 * and {@link RulerReportWriter} (the viewer's rulers). Stateless, thread-safe.
 */
final class ReportSkeleton {

    private ReportSkeleton() {
    }

    /**
     * The root CONTAINER (126000, DCM, "Imaging Measurement Report") with its TID 1500 rows 2 to 5;
     * the caller adds Imaging Measurements (row 6) and its groups.
     */
    static ContentItem root(ReferencedSeries series, MeasurementReportWriter.Options options) {
        ContentItem root = ContentItem.container(null, SrCodes.IMAGING_MEASUREMENT_REPORT);
        root.add(ContentItem.code("HAS CONCEPT MOD", SrCodes.LANGUAGE, SrCodes.ENGLISH_US));
        root.add(ContentItem.code("HAS OBS CONTEXT", SrCodes.OBSERVER_TYPE, SrCodes.DEVICE));
        root.add(ContentItem.uid("HAS OBS CONTEXT", SrCodes.DEVICE_OBSERVER_UID, DicomWriter.IMPLEMENTATION_CLASS_UID));
        root.add(ContentItem.text("HAS OBS CONTEXT", SrCodes.DEVICE_OBSERVER_NAME, "organ3d"));
        root.add(ContentItem.text("HAS OBS CONTEXT", SrCodes.DEVICE_OBSERVER_MANUFACTURER, "organ3d"));
        root.add(ContentItem.code("HAS CONCEPT MOD", SrCodes.PROCEDURE_REPORTED, options.procedure()));
        ContentItem library = root.addChild(ContentItem.container("CONTAINS", SrCodes.IMAGE_LIBRARY));
        ContentItem group = library.addChild(ContentItem.container("CONTAINS", SrCodes.IMAGE_LIBRARY_GROUP));
        for (ReferencedSeries.Instance in : distinct(series)) {
            group.add(ContentItem.image("CONTAINS", null, in.sopClassUID(), in.sopInstanceUID(), 0, in.frameNumber()));
        }
        return root;
    }

    /**
     * The dataset around the content tree: SOP Common, Patient and Study copied from the series, a
     * new SR series, the document status and the evidence (the series' images and the instances of
     * {@code citedSeries}, each item a Referenced Series item of the Hierarchical SOP Instance
     * Reference macro). The caller writes the tree into it ({@link ContentItem#writeTo}) and adds
     * the template identifier ({@link #template()}).
     */
    static Attributes header(ReferencedSeries series, MeasurementReportWriter.Options o, List<Attributes> citedSeries) {
        Attributes ds = series.derivedInstanceHeader(Uids.COMPREHENSIVE_3D_SR_STORAGE, "SR", o.seriesDescription(),
                o.seriesNumber(), true);
        ds.remove(Tag.FrameOfReferenceUID);
        ds.setSequence(0x00081111, List.of());
        ds.setString(Tag.CompletionFlag, VR.CS, "COMPLETE");
        ds.setString(Tag.VerificationFlag, VR.CS, "UNVERIFIED");
        ds.setSequence(Tag.PerformedProcedureCodeSequence, List.of());
        List<Attributes> seriesItems = new ArrayList<>();
        seriesItems.add(imageSeries(series));
        seriesItems.addAll(citedSeries);
        Attributes study = new Attributes();
        study.setString(Tag.StudyInstanceUID, VR.UI, series.studyInstanceUID());
        study.setSequence(Tag.ReferencedSeriesSequence, seriesItems);
        ds.setSequence(Tag.CurrentRequestedProcedureEvidenceSequence, List.of(study));
        ds.setSequence(Tag.CodingSchemeIdentificationSequence, List.of(SrCodes.privateScheme()));
        return ds;
    }

    /** A Referenced Series item citing one instance of another series (e.g. the SEG a report cites). */
    static Attributes citedInstance(String seriesUID, String sopClassUID, String sopInstanceUID) {
        Attributes r = new Attributes();
        r.setString(Tag.ReferencedSOPClassUID, VR.UI, sopClassUID);
        r.setString(Tag.ReferencedSOPInstanceUID, VR.UI, sopInstanceUID);
        Attributes s = new Attributes();
        s.setSequence(Tag.ReferencedSOPSequence, List.of(r));
        s.setString(Tag.SeriesInstanceUID, VR.UI, seriesUID);
        return s;
    }

    /** The Content Template Sequence item naming TID 1500 of DCMR. */
    static Attributes template() {
        Attributes t = Attributes.utf8();
        t.setString(Tag.MappingResource, VR.CS, "DCMR");
        t.setString(Tag.MappingResourceUID, VR.UI, Uids.DICOM_CONTENT_MAPPING_RESOURCE);
        t.setString(Tag.TemplateIdentifier, VR.CS, "1500");
        return t;
    }

    /** The series' images, each (instance, frame) once, in slice order. */
    static List<ReferencedSeries.Instance> distinct(ReferencedSeries series) {
        Map<String, ReferencedSeries.Instance> m = new LinkedHashMap<>();
        for (ReferencedSeries.Instance in : series.slices()) {
            m.putIfAbsent(in.sopInstanceUID() + "/" + in.frameNumber(), in);
        }
        return new ArrayList<>(m.values());
    }

    /** The Referenced Series item of the measured images (every instance once). */
    private static Attributes imageSeries(ReferencedSeries series) {
        List<Attributes> images = new ArrayList<>();
        for (ReferencedSeries.Instance in : distinct(series)) {
            if (in.frameNumber() > 1) {
                continue;
            }
            Attributes r = new Attributes();
            r.setString(Tag.ReferencedSOPClassUID, VR.UI, in.sopClassUID());
            r.setString(Tag.ReferencedSOPInstanceUID, VR.UI, in.sopInstanceUID());
            images.add(r);
        }
        Attributes imageSeries = new Attributes();
        imageSeries.setSequence(Tag.ReferencedSOPSequence, images);
        imageSeries.setString(Tag.SeriesInstanceUID, VR.UI, series.seriesInstanceUID());
        return imageSeries;
    }
}
