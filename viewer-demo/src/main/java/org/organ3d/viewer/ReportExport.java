package org.organ3d.viewer;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.organ3d.viewer.measure.ForeignStudyException;
import org.organ3d.viewer.measure.MeasurementFiles;
import org.organ3d.viewer.measure.MeasurementReports;
import org.organ3d.viewer.measure.MeasurementSet;

/**
 * {@code organ3d view ... --measurements FILE.json --export-sr REPORT.dcm}: the measurement file's
 * rulers as a DICOM SR ({@link MeasurementReports}), without a window or a display. The inputs are
 * read as the viewer reads them ({@link SceneLoader}), so the file is checked against the same study
 * ({@code --force-measurements} as in the window) and the SR cites the DICOM series the view shows;
 * give only the image to skip building surfaces.
 */
public final class ReportExport {

    private ReportExport() {
    }

    /**
     * Writes the SR; notes go to {@code log}.
     *
     * @throws IOException an unreadable input or measurement file, a measurement file of another study
     *                     (unless forced), or a refusal ({@link MeasurementReports.ReportRefusedException}:
     *                     the view shows no DICOM image, other frame of reference, no ruler)
     * @throws IllegalArgumentException without a measurement file, or inputs that do not fit together
     */
    public static MeasurementReports.Result run(ViewerOptions options, Path out, PrintWriter log) throws IOException {
        Path mfile = options.measurements();
        if (mfile == null) {
            throw new IllegalArgumentException("--export-sr needs --measurements FILE.json: the measurements to report");
        }
        SceneLoader.checkInputs(options);
        if (!Files.exists(mfile)) {
            throw new NoSuchFileException(mfile.toString(), null, "no such measurement file");
        }
        MeasurementFiles.read(mfile);   // NB: a malformed file fails before the inputs are read
        LoadedScene loaded = SceneLoader.load(options, (stage, f) -> log.println("organ3d view: " + stage));
        loaded.notes().forEach(n -> log.println("organ3d view: note: " + n));
        MeasurementFiles.Content c;
        try {
            c = MeasurementFiles.readFor(mfile, loaded.reference(), options.forceMeasurements());
        } catch (ForeignStudyException e) {
            throw new ForeignStudyException(e.file(), e.getMessage().substring(e.getMessage().indexOf("measurements ")
                    + "measurements ".length()) + " (--force-measurements loads them anyway)");
        }
        if (c.reference().isEmpty()) {
            log.println("organ3d view: warning: " + mfile.getFileName()
                    + " names no study; check that its measurements belong to this one");
        }
        MeasurementSet set = new MeasurementSet();
        set.replaceAll(c.measurements(), c.reference(), "load");
        MeasurementReports.Result r = MeasurementReports.write(set, loaded.reference(), loaded.dicomSeries(),
                options.series(), out);
        if (r.angles() > 0) {
            log.println("organ3d view: note: " + r.angles() + " angle measurement" + (r.angles() == 1 ? " is" : "s are")
                    + " not in the SR (it reports rulers)");
        }
        log.println("organ3d view: wrote the measurement report (TID 1500, " + r.rulers() + " ruler"
                + (r.rulers() == 1 ? "" : "s") + ", citing series " + r.series().seriesInstanceUID() + "): "
                + out.toAbsolutePath().normalize());
        log.flush();
        return r;
    }
}
