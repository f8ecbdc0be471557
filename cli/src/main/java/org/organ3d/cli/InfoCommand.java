package org.organ3d.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.joml.Vector3d;
import org.organ3d.io.LoadedImage;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code organ3d info <input> [--json] [--series UID]} (shared/CONTRACT.md): format, size, spacing,
 * the voxel→LPS matrix, statistics of the rescaled values and warnings, for every format that
 * {@link ImageFormats} reads.
 */
@Command(name = "info", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Describe a study: format, size, geometry (voxel to LPS mm), statistics of the rescaled values.")
final class InfoCommand implements Callable<Integer> {

    @Mixin
    Inputs input;

    @Option(names = "--json", description = "Print one JSON document on stdout.")
    boolean json;


    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Min, max, sum and mean of the rescaled voxel values. */
    record Stats(double min, double max, double sum, double mean) {
    }

    @Override
    public Integer call() throws Exception {
        LoadedImage img = input.read();
        Volume v = img.volume();
        Stats st = stats(v);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Json.print(out, toJson(img, st));
        } else {
            printText(out, img, st);
        }
        out.flush();
        return ExitCodes.OK;
    }

    static ObjectNode toJson(LoadedImage img, Stats st) {
        Volume v = img.volume();
        Geometry g = v.geometry();
        Map<String, String> a = img.attributes();
        ObjectNode o = Json.object();
        o.put("format", img.format());
        if (a.containsKey("modality")) {
            o.put("modality", a.get("modality"));
        } else {
            o.putNull("modality");
        }
        ArrayNode dims = o.putArray("dimensions");
        dims.add(v.nx()).add(v.ny()).add(v.nz());
        Vector3d sp = g.spacing();
        ArrayNode spacing = o.putArray("spacing");
        spacing.add(sp.x).add(sp.y).add(g.sliceThicknessAlongNormal());
        ArrayNode m = o.putArray("voxelToPatient");
        for (double[] row : g.toRowMajor()) {
            ArrayNode r = m.addArray();
            for (double x : row) {
                r.add(x);
            }
        }
        ObjectNode s = o.putObject("stats");
        s.put("min", Json.finiteOrNull(st.min()));
        s.put("max", Json.finiteOrNull(st.max()));
        s.put("sum", Json.finiteOrNull(st.sum()));
        s.put("mean", Json.finiteOrNull(st.mean()));
        ArrayNode w = o.putArray("warnings");
        Inputs.messages(img).forEach(w::add);
        if (img.format().startsWith("dicom")) {
            o.put("seriesInstanceUID", a.get("seriesInstanceUID"));
            o.put("transferSyntaxUID", a.get("transferSyntaxUID"));
            o.put("files", a.containsKey("files") ? Integer.parseInt(a.get("files")) : 1);
        }
        if (a.containsKey("sopClassUID")) {
            o.put("sopClassUID", a.get("sopClassUID"));
            o.put("sopInstanceUID", a.get("sopInstanceUID"));
        }
        if (a.containsKey("segments")) {
            o.put("segments", Integer.parseInt(a.get("segments")));
        }
        if (!img.labels().isEmpty()) {
            ArrayNode labels = o.putArray("labels");
            new java.util.TreeMap<>(img.labels()).values().forEach(l -> labels.addObject().put("label", l.value()).put("name", l.name())
                    .put("color", String.format(Locale.ROOT, "#%08x", l.rgba())));
        }
        o.put("voxelType", v.type().label());
        ObjectNode r = o.putObject("rescale");
        r.put("slope", v.rescale().slope());
        r.put("intercept", v.rescale().intercept());
        o.put("input", img.source().toString());
        ObjectNode attrs = o.putObject("attributes");
        a.forEach(attrs::put);
        return o;
    }

    private static void printText(PrintWriter out, LoadedImage img, Stats st) {
        Volume v = img.volume();
        Geometry g = v.geometry();
        Map<String, String> a = img.attributes();
        Vector3d sp = g.spacing();
        out.printf(Locale.ROOT, "%s  (%s)%n", img.source(), img.format());
        if (a.containsKey("modality")) {
            out.printf(Locale.ROOT, "  modality       %s%n", a.get("modality"));
        }
        if (a.containsKey("seriesInstanceUID")) {
            out.printf(Locale.ROOT, "  series         %s (%s file(s), transfer syntax %s)%n", a.get("seriesInstanceUID"),
                    a.getOrDefault("files", "1"), a.get("transferSyntaxUID"));
        }
        if (a.containsKey("segments")) {
            out.printf(Locale.ROOT, "  segments       %s (%s), %s grid, citing series %s%n", a.get("segments"),
                    a.getOrDefault("segmentationType", a.getOrDefault("modality", "")), a.getOrDefault("grid", "?"),
                    a.getOrDefault("referencedSeriesInstanceUID", "none"));
        }
        for (var l : new java.util.TreeMap<>(img.labels()).values()) {
            out.printf(Locale.ROOT, "  label %5d    %s%n", l.value(), l.name());
        }
        out.printf(Locale.ROOT, "  dimensions     %d x %d x %d  (%s, rescale %s x + %s)%n", v.nx(), v.ny(), v.nz(),
                v.type().label(), num(v.rescale().slope()), num(v.rescale().intercept()));
        out.printf(Locale.ROOT, "  spacing        %s x %s x %s mm%s%n", num(sp.x), num(sp.y), num(g.sliceThicknessAlongNormal()),
                g.isOrthogonal() ? "" : "  (sheared grid: gantry tilt)");
        double[][] m = g.toRowMajor();
        for (int r = 0; r < 4; r++) {
            out.printf(Locale.ROOT, "  %s [%12s %12s %12s %12s]%n", r == 0 ? "voxel->LPS   " : "             ",
                    num(m[r][0]), num(m[r][1]), num(m[r][2]), num(m[r][3]));
        }
        out.printf(Locale.ROOT, "  values         min %s  max %s  mean %s  sum %s%n", num(st.min()), num(st.max()),
                num(st.mean()), num(st.sum()));
        for (String w : Inputs.messages(img)) {
            out.printf(Locale.ROOT, "  warning: %s%n", w);
        }
    }

    private static String num(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return Long.toString((long) x);
        }
        if (!Double.isFinite(x)) {
            return Double.toString(x);
        }
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.6g", x)).stripTrailingZeros().toPlainString();
    }

    /**
     * Statistics of the rescaled values: per slice in parallel over the stored values (as doubles,
     * Kahan-summed), then combined in slice order, so the result does not depend on the thread count.
     */
    static Stats stats(Volume v) {
        int nz = v.nz();
        double[][] per = new double[nz][];
        IntStream.range(0, nz).parallel().forEach(k -> per[k] = sliceStats(v.slice(k), v.type()));
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        double c = 0;
        for (double[] p : per) {
            min = Math.min(min, p[0]);
            max = Math.max(max, p[1]);
            double y = p[2] - c;
            double t = sum + y;
            c = (t - sum) - y;
            sum = t;
        }
        double a = v.rescale().slope();
        double b = v.rescale().intercept();
        long n = v.dimensions().voxelCount();
        double lo = a >= 0 ? min * a + b : max * a + b;
        double hi = a >= 0 ? max * a + b : min * a + b;
        double total = sum * a + b * n;
        return new Stats(lo, hi, total, total / n);
    }

    /** {min, max, sum} of one slice's stored values. */
    private static double[] sliceStats(Buffer slice, VoxelType type) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        double c = 0;
        int n = slice.remaining();
        for (int x = 0; x < n; x++) {
            double v = switch (type) {
                case UINT8 -> ((ByteBuffer) slice).get(x) & 0xFF;
                case INT8 -> ((ByteBuffer) slice).get(x);
                case INT16 -> ((ShortBuffer) slice).get(x);
                case UINT16 -> ((ShortBuffer) slice).get(x) & 0xFFFF;
                case INT32 -> ((IntBuffer) slice).get(x);
                case FLOAT32 -> ((FloatBuffer) slice).get(x);
            };
            if (v < min) {
                min = v;
            }
            if (v > max) {
                max = v;
            }
            double y = v - c;
            double t = sum + y;
            c = (t - sum) - y;
            sum = t;
        }
        return new double[] {min, max, sum};
    }
}
