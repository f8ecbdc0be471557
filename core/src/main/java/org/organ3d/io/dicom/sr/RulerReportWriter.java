package org.organ3d.io.dicom.sr;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.organ3d.io.ImageFormatException;
import org.organ3d.io.dicom.Attributes;
import org.organ3d.io.dicom.CodedConcept;
import org.organ3d.io.dicom.DicomWriter;
import org.organ3d.io.dicom.ReferencedSeries;
import org.organ3d.io.dicom.Tag;
import org.organ3d.io.dicom.Uids;
import org.organ3d.io.dicom.WrittenInstance;
import org.organ3d.io.dicom.seg.Segment;

/**
 * Writes rulers (distances between two points in the series' patient space, as the viewer measures
 * them) as a TID 1500 "Imaging Measurement Report" in a Comprehensive 3D SR, one TID 1501
 * "Measurement and Qualitative Evaluation Group" per ruler (PS3.16, 2026a tables):
 * <pre>
 * CONTAINER (125007,DCM,"Measurement Group")                          TID 1501 row 1
 *   HAS OBS CONTEXT TEXT   (112039,DCM,"Tracking Identifier") = the ruler's label            row 2
 *   HAS OBS CONTEXT UIDREF (112040,DCM,"Tracking Unique Identifier") = new                  row 3
 *   CONTAINS TEXT (ENDPOINT1,99ORGAN3D,"Structure at first endpoint") = name    row 12 ($QualType)
 *   CONTAINS TEXT (ENDPOINT2,99ORGAN3D,"Structure at second endpoint") = name
 *   CONTAINS NUM  (410668003,SCT,"Length") mm (UCUM)                     row 10 → TID 300 row 1
 *     HAS CONCEPT MOD CODE (363698007,SCT,"Finding Site") = each coded structure  TID 301 row 5
 *     INFERRED FROM SCOORD3D (121112,DCM,"Source of Measurement") = POLYLINE of the two
 *       endpoints in the series' Frame of Reference                  TID 301 row 13 → TID 320 row 6
 * </pre>
 * TID 1500 row 9 invokes TID 1501 with $Measurement = BCID 218 (which holds CID 7470's Length) and
 * $ImagePurpose = BCID 7551 (Source of Measurement); $QualType is not bound, so the endpoints'
 * structure names, for which no standard concept exists, are TEXT items under organ3d's private
 * codes (declared in the Coding Scheme Identification Sequence). A Finding Site is written only for
 * a structure whose name organ3d can code as a body structure ({@link Segment#anatomicSite}: "liver
 * lesion" lies in the Liver); text names are kept whatever they are. The length is computed in
 * double precision from the endpoints; the SCOORD3D holds them as 32-bit floats (PS3.3 C.18.9).
 *
 * <p>Patient and Study are copied from the series, whose images form the Image Library and the
 * evidence; the SR joins the series' study. Explicit VR little endian, atomic. Thread-safe.
 */
public final class RulerReportWriter {

    private RulerReportWriter() {
    }

    /** Series 903 "organ3d viewer measurements", procedure (363679005, SCT, "Imaging procedure"). */
    public static MeasurementReportWriter.Options defaultOptions() {
        return new MeasurementReportWriter.Options("organ3d viewer measurements", 903, null);
    }

    /**
     * Writes the report of {@code rulers}, whose points lie in the Frame of Reference of {@code
     * series}, to {@code file}.
     *
     * @return the written instance: rulers (measurement groups) in {@code items}, content items in
     *         {@code frames}
     * @throws ImageFormatException if there is no ruler, or a ruler's endpoints coincide (a length
     *                              needs two points)
     */
    public static WrittenInstance write(List<Ruler> rulers, ReferencedSeries series,
            MeasurementReportWriter.Options options, Path file) throws IOException {
        if (rulers.isEmpty()) {
            throw new ImageFormatException(file, -1, "no ruler to report");
        }
        for (Ruler r : rulers) {
            if (!(r.lengthMm() > 0)) {
                throw new ImageFormatException(file, -1, "ruler " + r.label() + ": both endpoints are the same point; "
                        + "a length needs two");
            }
        }
        ContentItem root = ReportSkeleton.root(series, options);
        ContentItem all = root.addChild(ContentItem.container("CONTAINS", SrCodes.IMAGING_MEASUREMENTS));
        for (Ruler r : rulers) {
            all.add(group(r, series.frameOfReferenceUID()));
        }
        Attributes ds = ReportSkeleton.header(series, options, List.of());
        root.writeTo(ds);
        ds.setSequence(Tag.ContentTemplateSequence, List.of(ReportSkeleton.template()));
        DicomWriter.write(file, ds);
        return new WrittenInstance(file, Uids.COMPREHENSIVE_3D_SR_STORAGE, ds.getString(Tag.SOPInstanceUID),
                ds.getString(Tag.SeriesInstanceUID), series.studyInstanceUID(), rulers.size(), root.count(), Map.of());
    }

    /** One TID 1501 Measurement Group. */
    private static ContentItem group(Ruler r, String frameOfReference) {
        ContentItem g = ContentItem.container("CONTAINS", SrCodes.MEASUREMENT_GROUP);
        g.add(ContentItem.text("HAS OBS CONTEXT", SrCodes.TRACKING_IDENTIFIER, r.label()));
        g.add(ContentItem.uid("HAS OBS CONTEXT", SrCodes.TRACKING_UID, Uids.random()));
        if (!r.firstOn().isEmpty()) {
            g.add(ContentItem.text("CONTAINS", SrCodes.FIRST_ENDPOINT_STRUCTURE, r.firstOn()));
        }
        if (!r.secondOn().isEmpty()) {
            g.add(ContentItem.text("CONTAINS", SrCodes.SECOND_ENDPOINT_STRUCTURE, r.secondOn()));
        }
        ContentItem length = g.addChild(ContentItem.num("CONTAINS", SrCodes.LENGTH, r.lengthMm(), SrCodes.MM));
        Map<String, CodedConcept> sites = new LinkedHashMap<>();
        for (String name : List.of(r.firstOn(), r.secondOn())) {
            Segment.anatomicSite(name).ifPresent(c -> sites.putIfAbsent(c.scheme() + ":" + c.value(), c));
        }
        for (CodedConcept site : sites.values()) {
            length.add(ContentItem.code("HAS CONCEPT MOD", SrCodes.FINDING_SITE, site));
        }
        length.add(ContentItem.scoord3d("INFERRED FROM", SrCodes.SOURCE_OF_MEASUREMENT, "POLYLINE",
                List.of(r.point(0), r.point(1)), frameOfReference));
        return g;
    }
}
