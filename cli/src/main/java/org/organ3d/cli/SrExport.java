package org.organ3d.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.organ3d.io.LoadedImage;
import org.organ3d.io.ReadOptions;
import org.organ3d.io.dicom.ReferencedSeries;
import org.organ3d.io.dicom.WrittenInstance;
import org.organ3d.io.dicom.seg.SegReader;
import org.organ3d.io.dicom.seg.SegWriter;
import org.organ3d.io.dicom.seg.Segmentation;
import org.organ3d.io.dicom.sr.CitedSegmentation;
import org.organ3d.io.dicom.sr.MeasurementReportWriter;
import org.organ3d.measure.LabelMeasurement;
import org.organ3d.volume.LabelMap;

/**
 * {@code measure --sr REPORT.dcm} (shared/CONTRACT.md, "Clinical objects"): the measurements as a
 * TID 1500 Imaging Measurement Report citing the image series and, for each label, its segment of a
 * DICOM SEG: the SEG measured when {@code <labels>} is one, else a SEG written beside the report
 * ({@code --sr-seg}, default {@code REPORT-seg.dcm}), since a report's measurement groups must cite
 * segments that exist.
 */
final class SrExport {

    private SrExport() {
    }

    /** The SEG path used when {@code --sr-seg} is not given: {@code report.dcm} → {@code report-seg.dcm}. */
    static Path defaultSegPath(Path sr) {
        String n = sr.getFileName().toString();
        int dot = n.toLowerCase(java.util.Locale.ROOT).endsWith(".dcm") ? n.length() - 4 : n.length();
        return sr.resolveSibling(n.substring(0, dot) + "-seg.dcm");
    }

    /**
     * Writes the report (and the SEG when needed) and returns its JSON: {@code out},
     * {@code sopClassUID}, {@code sopInstanceUID}, {@code measurementGroups}, and {@code segmentation}
     * {{@code out}, {@code sopInstanceUID}, {@code written}}.
     */
    static ObjectNode write(Path sr, Path segPath, Path labelsPath, LoadedImage loaded, LabelMap map,
            List<LabelMeasurement> measurements, Path series, ReadOptions labelOptions, PrintWriter err) throws IOException {
        ReadOptions.Builder b = ReadOptions.builder();
        labelOptions.refused().forEach(b::refuse);
        ReferencedSeries ref = ReferencedSeries.read(series, b.build());
        CitedSegmentation cited;
        Path segOut;
        boolean written;
        if (Segmentation.FORMAT.equals(loaded.format())) {
            cited = CitedSegmentation.of(SegReader.read(labelsPath, labelOptions));
            segOut = labelsPath;
            written = false;
        } else {
            segOut = segPath != null ? segPath : defaultSegPath(sr);
            WrittenInstance w = SegWriter.write(ref.onGrid(map, labelsPath), ref, SegWriter.Options.binary(), segOut);
            cited = CitedSegmentation.of(w, map);
            written = true;
            err.println("organ3d measure: note: wrote the segmentation the report cites: " + segOut.toAbsolutePath().normalize());
        }
        WrittenInstance w = MeasurementReportWriter.write(measurements, ref, cited, MeasurementReportWriter.Options.defaults(), sr);
        err.println("organ3d measure: note: wrote the measurement report (TID 1500): " + sr.toAbsolutePath().normalize());
        err.flush();
        ObjectNode o = Json.object();
        o.put("out", sr.toAbsolutePath().normalize().toString());
        o.put("sopClassUID", w.sopClassUID());
        o.put("sopInstanceUID", w.sopInstanceUID());
        o.put("measurementGroups", w.items());
        ObjectNode s = o.putObject("segmentation");
        s.put("out", segOut.toAbsolutePath().normalize().toString());
        s.put("sopInstanceUID", cited.sopInstanceUID());
        s.put("written", written);
        return o;
    }
}
