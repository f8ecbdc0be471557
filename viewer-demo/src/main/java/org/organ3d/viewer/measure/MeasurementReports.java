package org.organ3d.viewer.measure;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.organ3d.io.dicom.ReferencedSeries;
import org.organ3d.io.dicom.WrittenInstance;
import org.organ3d.io.dicom.sr.Ruler;
import org.organ3d.io.dicom.sr.RulerReportWriter;

/**
 * The measurement table as a DICOM SR: the rulers of a {@link MeasurementSet} written by core's
 * {@link RulerReportWriter} (TID 1500, one TID 1501 group per ruler: length in mm, both endpoints as
 * a SCOORD3D polyline in the series' Frame of Reference, the structure under each endpoint), citing
 * the DICOM image series the view shows. Angles have no place in that report yet and are left out
 * (counted in the result). Stateless, thread-safe.
 *
 * <p>An SR's coordinates must belong to a DICOM study, series and Frame of Reference, so the export
 * is refused, with {@link ReportRefusedException} saying why, when the view shows no DICOM image
 * (a NIfTI, NRRD or mesh view has only its own coordinates), when the measurements were made in
 * another Frame of Reference than the series', and when there is no ruler.
 */
public final class MeasurementReports {

    /**
     * What was written.
     *
     * @param written       the SR instance
     * @param rulers        rulers reported
     * @param angles        angles left out
     * @param series        the series cited
     */
    public record Result(WrittenInstance written, int rulers, int angles, ReferencedSeries series) {
    }

    /** The export cannot cite what an SR needs; the message says why, naming the output file. */
    public static final class ReportRefusedException extends IOException {
        private static final long serialVersionUID = 1L;

        ReportRefusedException(Path out, String why) {
            super(out + ": " + why);
        }
    }

    private MeasurementReports() {
    }

    /** The SR written beside a measurement file: {@code m.json} → {@code m-sr.dcm}. */
    public static Path besides(Path measurementFile) {
        String n = measurementFile.getFileName().toString();
        String stem = n.endsWith(".json") ? n.substring(0, n.length() - 5) : n;
        return measurementFile.resolveSibling(stem + "-sr.dcm");
    }

    /**
     * Writes the rulers of {@code set} as a DICOM SR to {@code out}, citing the image series read
     * from {@code dicomSeries} ({@code seriesUID}, or the largest series there, as the viewer reads it).
     *
     * @param dicomSeries the DICOM folder or file the view's image came from, or null when it is not DICOM
     * @param view        what the view shows (for the refusal message)
     * @throws ReportRefusedException when there is nothing DICOM to cite, the frames differ, or no ruler
     * @throws IOException            when the series' headers cannot be read or the file cannot be written
     */
    public static Result write(MeasurementSet set, StudyReference view, Path dicomSeries, String seriesUID, Path out)
            throws IOException {
        List<Ruler> rulers = new ArrayList<>();
        int angles = 0;
        for (Measurement m : set.all()) {
            if (m.kind() == Measurement.Kind.RULER) {
                rulers.add(new Ruler(m.label(), m.points().get(0), m.points().get(1), m.structures().get(0),
                        m.structures().get(1)));
            } else {
                angles++;
            }
        }
        if (dicomSeries == null) {
            StudyReference made = set.reference();
            String study = made.studyInstanceUID() != null ? "; the measurements name study " + made.studyInstanceUID()
                    + ": open that DICOM series and export there" : "";
            throw new ReportRefusedException(out, "no DICOM SR written: the view shows no DICOM image ("
                    + describe(view) + "), so there is no study, series and frame of reference to cite for the "
                    + "rulers' coordinates" + study + " (the CSV export needs none)");
        }
        if (rulers.isEmpty()) {
            throw new ReportRefusedException(out, "no DICOM SR written: no ruler to report"
                    + (angles > 0 ? " (" + angles + " angle" + (angles == 1 ? "" : "s") + ": angles are not in the SR)" : ""));
        }
        ReferencedSeries series = ReferencedSeries.read(dicomSeries, seriesUID);
        String made = set.reference().frameOfReferenceUID();
        if (made != null && !made.equals(series.frameOfReferenceUID())) {
            throw new ReportRefusedException(out, "no DICOM SR written: the measurements were made in frame of reference "
                    + made + ", the series " + series.seriesInstanceUID() + " is in " + series.frameOfReferenceUID()
                    + ": their points are not in its coordinates");
        }
        WrittenInstance w = RulerReportWriter.write(rulers, series, RulerReportWriter.defaultOptions(), out);
        return new Result(w, rulers.size(), angles, series);
    }

    private static String describe(StudyReference r) {
        if (!r.inputs().isEmpty()) {
            return String.join(", ", r.inputs().stream().map(StudyReference.InputDigest::file).toList());
        }
        return r.description() != null ? r.description() : "no image";
    }
}
