package org.organ3d.io.dicom.sr;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.organ3d.io.ImageFormatException;
import org.organ3d.io.dicom.Attributes;
import org.organ3d.io.dicom.CodedConcept;
import org.organ3d.io.dicom.DicomWriter;
import org.organ3d.io.dicom.ReferencedSeries;
import org.organ3d.io.dicom.Tag;
import org.organ3d.io.dicom.Uids;
import org.organ3d.io.dicom.WrittenInstance;
import org.organ3d.measure.LabelMeasurement;

/**
 * Writes organ3d's measurements as a DICOM Structured Report following TID 1500 "Imaging
 * Measurement Report" (PS3.16), in a Comprehensive 3D SR (for the SCOORD3D centroids).
 *
 * <p><b>Tree.</b> Root CONTAINER (126000, DCM, "Imaging Measurement Report") with the language
 * (TID 1204), a device observer (TID 1001/1004: organ3d), the procedure reported, an Image Library
 * (TID 1600) of the measured series' images, and Imaging Measurements holding one Measurement Group
 * per label (TID 1411 "Volumetric ROI Measurements"): Tracking Identifier (the label's name),
 * Tracking Unique Identifier, the Referenced Segment (the label's segment of the cited SEG), the
 * Source series for segmentation, the Finding (the segment's type), and the measurements with UCUM
 * units, each described in {@link SrCodes}: volume by voxel summation and of the mesh (IBSI), RECIST
 * 1.1 long and short axis, maximum Feret diameter (organ3d's code: it is measured over voxel
 * corners, not mesh vertices), mean intensity (HU for CT), and the centroid as a SCOORD3D POINT
 * (111010, DCM, "Center") in the series' Frame of Reference. A value organ3d could not compute (NaN,
 * e.g. no mesh) is left out, never written as a number.
 *
 * <p><b>References.</b> Patient, Study and Frame of Reference from the series; the evidence (Current
 * Requested Procedure Evidence) lists the measured images and the SEG. Explicit VR little endian,
 * atomic. Thread-safe (stateless).
 */
public final class MeasurementReportWriter {

    /**
     * Series and title of the report.
     *
     * @param seriesDescription Series Description
     * @param seriesNumber      Series Number
     * @param procedure         the Procedure Reported code (TID 1500 row 4)
     */
    public record Options(String seriesDescription, int seriesNumber, CodedConcept procedure) {
        public Options {
            seriesDescription = seriesDescription == null ? "organ3d measurements" : seriesDescription;
            procedure = procedure == null ? SrCodes.IMAGING_PROCEDURE : procedure;
            if (seriesNumber < 0) {
                throw new IllegalArgumentException("series number must not be negative: " + seriesNumber);
            }
        }

        /** Series 902 "organ3d measurements", procedure (363679005, SCT, "Imaging procedure"). */
        public static Options defaults() {
            return new Options(null, 902, null);
        }
    }

    private MeasurementReportWriter() {
    }

    /**
     * Writes the report of {@code measurements} (labels of the SEG {@code segmentation}, measured on
     * {@code series}) to {@code file}.
     *
     * @return the written instance: measurement groups in {@code items}, content items in {@code frames}
     * @throws ImageFormatException if a measured label has no segment in {@code segmentation}, or the
     *                              SEG is of another study
     */
    public static WrittenInstance write(List<LabelMeasurement> measurements, ReferencedSeries series,
            CitedSegmentation segmentation, Options options, Path file) throws IOException {
        Objects.requireNonNull(measurements);
        if (!segmentation.studyInstanceUID().equals(series.studyInstanceUID())) {
            throw new ImageFormatException(file, -1, "the SEG " + segmentation.sopInstanceUID() + " belongs to study "
                    + segmentation.studyInstanceUID() + ", the series to " + series.studyInstanceUID());
        }
        for (LabelMeasurement m : measurements) {
            if (!segmentation.segmentOfLabel().containsKey(m.label())) {
                throw new ImageFormatException(file, -1, "label " + m.label() + " has no segment in the SEG "
                        + segmentation.sopInstanceUID() + ": the report cannot cite it");
            }
        }
        ContentItem root = ReportSkeleton.root(series, options);
        ContentItem all = root.addChild(ContentItem.container("CONTAINS", SrCodes.IMAGING_MEASUREMENTS));
        boolean ct = "CT".equals(series.modality());
        for (LabelMeasurement m : measurements) {
            all.add(group(m, series, segmentation, ct));
        }
        Attributes ds = ReportSkeleton.header(series, options, List.of(ReportSkeleton.citedInstance(
                segmentation.seriesInstanceUID(), segmentation.sopClassUID(), segmentation.sopInstanceUID())));
        root.writeTo(ds);
        ds.setSequence(Tag.ContentTemplateSequence, List.of(ReportSkeleton.template()));
        DicomWriter.write(file, ds);
        return new WrittenInstance(file, Uids.COMPREHENSIVE_3D_SR_STORAGE, ds.getString(Tag.SOPInstanceUID),
                ds.getString(Tag.SeriesInstanceUID), series.studyInstanceUID(), measurements.size(), root.count(), Map.of());
    }

    /** One TID 1411 Measurement Group. */
    private static ContentItem group(LabelMeasurement m, ReferencedSeries series, CitedSegmentation seg, boolean ct) {
        ContentItem g = ContentItem.container("CONTAINS", SrCodes.MEASUREMENT_GROUP);
        String name = m.name() == null || m.name().isBlank() ? "label " + m.label() : m.name();
        g.add(ContentItem.text("HAS OBS CONTEXT", SrCodes.TRACKING_IDENTIFIER, name));
        g.add(ContentItem.uid("HAS OBS CONTEXT", SrCodes.TRACKING_UID, Uids.random()));
        g.add(ContentItem.image("CONTAINS", SrCodes.REFERENCED_SEGMENT, seg.sopClassUID(), seg.sopInstanceUID(),
                seg.segmentOfLabel().get(m.label()), 0));
        g.add(ContentItem.uid("CONTAINS", SrCodes.SOURCE_SERIES_FOR_SEGMENTATION, series.seriesInstanceUID()));
        CodedConcept type = seg.typeOfLabel().get(m.label());
        if (type != null) {
            g.add(ContentItem.code("CONTAINS", SrCodes.FINDING, type));
        }
        num(g, SrCodes.VOLUME_VOXELS, m.volumeMm3(), SrCodes.MM3, null);
        num(g, SrCodes.VOLUME_MESH, m.meshVolumeMm3(), SrCodes.MM3, null);
        if (m.recist() != null) {
            num(g, SrCodes.LONG_AXIS, m.recist().longAxisMm(), SrCodes.MM, SrCodes.RECIST_1_1);
            num(g, SrCodes.SHORT_AXIS, m.recist().shortAxisMm(), SrCodes.MM, SrCodes.RECIST_1_1);
        }
        num(g, SrCodes.MAX_FERET, m.maxFeretDiameterMm(), SrCodes.MM, null);
        if (m.intensity() != null && Double.isFinite(m.intensity().mean())) {
            ContentItem mean = ContentItem.num("CONTAINS", ct ? SrCodes.ATTENUATION : SrCodes.INTENSITY,
                    m.intensity().mean(), ct ? SrCodes.HU : SrCodes.ARBITRARY);
            mean.add(ContentItem.code("HAS CONCEPT MOD", SrCodes.DERIVATION, SrCodes.MEAN));
            g.add(mean);
        }
        double[] c = m.centroidLps().toArray();
        if (Double.isFinite(c[0] + c[1] + c[2])) {
            g.add(ContentItem.point3d("CONTAINS", SrCodes.CENTER, c, series.frameOfReferenceUID()));
        }
        return g;
    }

    private static void num(ContentItem g, CodedConcept concept, double v, CodedConcept units, CodedConcept method) {
        if (!Double.isFinite(v)) {
            return;
        }
        ContentItem n = ContentItem.num("CONTAINS", concept, v, units);
        if (method != null) {
            n.add(ContentItem.code("HAS CONCEPT MOD", SrCodes.MEASUREMENT_METHOD, method));
        }
        g.add(n);
    }
}
