package org.organ3d.measure;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.organ3d.io.AtomicFiles;

/**
 * A measurement report: one {@link LabelMeasurement} per label plus optional {@link LabelDistance}s,
 * as JSON (keys exactly as the {@code organ3d measure} contract, each unit in the key name or the
 * contract's conventions) or CSV (one row per label, the unit in every header).
 *
 * @param input     the label map the numbers came from (a path or a description)
 * @param image     the image the intensity statistics came from, or null
 * @param labels    one measurement per label
 * @param distances pairwise label distances (may be empty)
 * @param backend   the compute backend that ran the measurement ({@code java}, {@code opencl}), or null
 *                  to leave the key out
 */
public record Report(String input, String image, List<LabelMeasurement> labels, List<LabelDistance> distances,
        String backend) {

    public Report {
        labels = List.copyOf(labels);
        distances = List.copyOf(distances == null ? List.of() : distances);
    }

    /** A report without a backend name. */
    public Report(String input, String image, List<LabelMeasurement> labels, List<LabelDistance> distances) {
        this(input, image, labels, distances, null);
    }

    /** This report naming the backend that ran it (the JSON's {@code backend} key). */
    public Report withBackend(String name) {
        return new Report(input, image, labels, distances, name);
    }

    /** The JSON document (see shared/CONTRACT.md, {@code organ3d measure}). */
    public String toJson() {
        Map<String, Object> top = new LinkedHashMap<>();
        List<Object> ls = new ArrayList<>();
        for (LabelMeasurement m : labels) {
            ls.add(toMap(m));
        }
        top.put("labels", ls);
        top.put("input", input);
        top.put("image", image);
        if (backend != null) {
            top.put("backend", backend);
        }
        if (!distances.isEmpty()) {
            List<Object> ds = new ArrayList<>();
            for (LabelDistance d : distances) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("labelA", d.labelA());
                o.put("labelB", d.labelB());
                o.put("minimumDistanceMm", d.minimumMm());
                o.put("hausdorffMm", d.hausdorffMm());
                o.put("hausdorff95Mm", d.hausdorff95Mm());
                o.put("meanSurfaceDistanceMm", d.meanMm());
                o.put("closestPointsLps", d.closestLps());
                ds.add(o);
            }
            top.put("distances", ds);
        }
        return JsonWriter.write(top) + "\n";
    }

    /** One label as an ordered map of JSON keys. */
    public static Map<String, Object> toMap(LabelMeasurement m) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("label", m.label());
        o.put("name", m.fileName().orElse(null));
        o.put("voxelCount", m.voxelCount());
        o.put("volumeMm3", m.volumeMm3());
        o.put("volumeCm3", m.volumeCm3());
        o.put("meshVolumeMm3", m.meshVolumeMm3());
        o.put("surfaceAreaMm2", m.surfaceAreaMm2());
        o.put("surfaceMethod", m.surfaceMethod());
        o.put("voxelFaceAreaMm2", m.voxelFaceAreaMm2());
        o.put("centroidLps", m.centroidLps());
        o.put("centroidRas", m.centroidRas());
        o.put("centroidVoxel", m.centroidVoxel());
        Map<String, Object> box = new LinkedHashMap<>();
        box.put("min", m.boundingBoxMinLps());
        box.put("max", m.boundingBoxMaxLps());
        o.put("boundingBoxLps", box);
        o.put("principalAxes", m.principalAxes());
        o.put("principalLengthsMm", m.principalLengthsMm());
        o.put("orientedBoundingBoxMm", m.orientedBoundingBoxMm());
        o.put("maxFeretDiameterMm", m.maxFeretDiameterMm());
        o.put("maxFeretEndpointsLps", m.maxFeretEndpointsLps());
        o.put("minFeretDiameterMm", m.minFeretDiameterMm());
        o.put("minFeretDirectionLps", m.minFeretDirectionLps());
        o.put("sphericity", m.sphericity());
        Recist r = m.recist();
        Map<String, Object> rec = new LinkedHashMap<>();
        rec.put("longAxisMm", r.longAxisMm());
        rec.put("shortAxisMm", r.shortAxisMm());
        rec.put("sliceIndex", r.sliceIndex());
        rec.put("endpointsLps", r.endpointsLps());
        o.put("recist", rec);
        IntensityStats s = m.intensity();
        if (s == null) {
            o.put("intensity", null);
        } else {
            Map<String, Object> in = new LinkedHashMap<>();
            in.put("mean", s.mean());
            in.put("std", s.std());
            in.put("min", s.min());
            in.put("max", s.max());
            in.put("median", s.median());
            in.put("p05", s.p05());
            in.put("p95", s.p95());
            o.put("intensity", in);
        }
        return o;
    }

    private static final String[] HEADER = {
        "label [value]", "name [text]", "voxelCount [voxels]", "volume [mm3]", "volume [cm3]", "meshVolume [mm3]",
        "surfaceArea [mm2]", "voxelFaceArea [mm2]",
        "centroidLps.x [mm]", "centroidLps.y [mm]", "centroidLps.z [mm]",
        "centroidRas.x [mm]", "centroidRas.y [mm]", "centroidRas.z [mm]",
        "centroidVoxel.i [index]", "centroidVoxel.j [index]", "centroidVoxel.k [index]",
        "boundingBoxLps.min.x [mm]", "boundingBoxLps.min.y [mm]", "boundingBoxLps.min.z [mm]",
        "boundingBoxLps.max.x [mm]", "boundingBoxLps.max.y [mm]", "boundingBoxLps.max.z [mm]",
        "principalAxis1.x [unit]", "principalAxis1.y [unit]", "principalAxis1.z [unit]",
        "principalAxis2.x [unit]", "principalAxis2.y [unit]", "principalAxis2.z [unit]",
        "principalAxis3.x [unit]", "principalAxis3.y [unit]", "principalAxis3.z [unit]",
        "principalLength1 [mm]", "principalLength2 [mm]", "principalLength3 [mm]",
        "orientedBoundingBox1 [mm]", "orientedBoundingBox2 [mm]", "orientedBoundingBox3 [mm]",
        "maxFeretDiameter [mm]", "minFeretDiameter [mm]", "sphericity [1]",
        "recist.longAxis [mm]", "recist.shortAxis [mm]", "recist.sliceIndex [index]",
        "intensity.mean [rescaled]", "intensity.std [rescaled]", "intensity.min [rescaled]", "intensity.max [rescaled]",
        "intensity.median [rescaled]", "intensity.p05 [rescaled]", "intensity.p95 [rescaled]",
    };

    /**
     * CSV (RFC 4180, comma-separated, CRLF line ends), one row per label; empty cells for values that
     * are missing or not finite. The header row names the unit of every column in brackets.
     */
    public String toCsv() {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < HEADER.length; c++) {
            sb.append(c == 0 ? "" : ",").append(csv(HEADER[c]));
        }
        sb.append("\r\n");
        for (LabelMeasurement m : labels) {
            List<String> row = new ArrayList<>();
            row.add(Integer.toString(m.label()));
            row.add(csv(m.fileName().orElse("")));
            row.add(Long.toString(m.voxelCount()));
            nums(row, m.volumeMm3(), m.volumeCm3(), m.meshVolumeMm3(), m.surfaceAreaMm2(), m.voxelFaceAreaMm2());
            vec(row, m.centroidLps());
            vec(row, m.centroidRas());
            vec(row, m.centroidVoxel());
            vec(row, m.boundingBoxMinLps());
            vec(row, m.boundingBoxMaxLps());
            for (Vec3 a : m.principalAxes()) {
                vec(row, a);
            }
            vec(row, m.principalLengthsMm());
            vec(row, m.orientedBoundingBoxMm());
            nums(row, m.maxFeretDiameterMm(), m.minFeretDiameterMm(), m.sphericity(), m.recist().longAxisMm(),
                    m.recist().shortAxisMm());
            row.add(Integer.toString(m.recist().sliceIndex()));
            IntensityStats s = m.intensity();
            if (s == null) {
                for (int c = 0; c < 7; c++) {
                    row.add("");
                }
            } else {
                nums(row, s.mean(), s.std(), s.min(), s.max(), s.median(), s.p05(), s.p95());
            }
            sb.append(String.join(",", row)).append("\r\n");
        }
        return sb.toString();
    }

    private static void vec(List<String> row, Vec3 v) {
        nums(row, v.x(), v.y(), v.z());
    }

    private static void nums(List<String> row, double... vs) {
        for (double v : vs) {
            row.add(Double.isFinite(v) ? Double.toString(v) : "");
        }
    }

    private static String csv(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /** Writes the JSON to {@code path} atomically (a temporary file in the same folder, then a move). */
    public void writeJson(Path path) throws IOException {
        writeAtomically(path, toJson());
    }

    /** Writes the CSV to {@code path} atomically (a temporary file in the same folder, then a move). */
    public void writeCsv(Path path) throws IOException {
        writeAtomically(path, toCsv());
    }

    static void writeAtomically(Path path, String text) throws IOException {
        AtomicFiles.writeString(path, text);
    }
}
