package org.organ3d.viewer.slice;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.joml.Matrix4d;
import org.joml.Vector3d;
import org.joml.Vector3dc;
import org.organ3d.viewer.raycast.TransferFunction;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Volume;

/**
 * The image and label map behind the slice views and the volume rendering (either may be absent,
 * not both), with what the views need from the CPU side: the LPS box that holds them, the image's
 * value range and a default window, the exact value and label at an LPS point (nearest voxel: the
 * read-out never depends on the GPU), the slice step along each patient axis and snapping of the
 * crosshair to voxel centres. Immutable and thread-safe after construction.
 */
public final class SliceSource {

    private final Volume image;
    private final LabelMap labels;
    private final Map<String, String> attributes;
    private final Matrix4d imageToIndex;
    private final Matrix4d labelToIndex;
    private final Vector3d min = new Vector3d(Double.POSITIVE_INFINITY);
    private final Vector3d max = new Vector3d(Double.NEGATIVE_INFINITY);
    private final double minValue;
    private final double maxValue;
    private final double[] percentiles;
    private final boolean ct;
    private final double[] steps = new double[3];

    /**
     * @param image      the grey-scale volume, or null
     * @param attributes the reader's attributes of the image (modality, window, ...), may be empty
     * @param labels     the label map, or null
     */
    public SliceSource(Volume image, Map<String, String> attributes, LabelMap labels) {
        if (image == null && labels == null) {
            throw new IllegalArgumentException("slice views need an image or a label map");
        }
        this.image = image;
        this.labels = labels;
        this.attributes = Map.copyOf(attributes == null ? Map.of() : attributes);
        imageToIndex = image == null ? null : image.geometry().lpsToIndex();
        labelToIndex = labels == null ? null : labels.geometry().lpsToIndex();
        if (image != null) {
            box(image.geometry(), image.nx(), image.ny(), image.nz());
        }
        if (labels != null) {
            box(labels.geometry(), labels.dimensions().nx(), labels.dimensions().ny(), labels.dimensions().nz());
        }
        if (image != null) {
            float[] sample = sample(image);
            minValue = sample[0];
            maxValue = sample[sample.length - 1];
            percentiles = new double[] {at(sample, 0.005), at(sample, 0.6), at(sample, 0.995)};
        } else {
            minValue = 0;
            maxValue = 0;
            percentiles = new double[] {0, 0, 0};
        }
        String modality = this.attributes.getOrDefault("modality", "");
        ct = image != null && (modality.equalsIgnoreCase("CT") || "HU".equalsIgnoreCase(this.attributes.get("rescaleType"))
                || modality.isEmpty() && minValue <= -900 && maxValue >= 100);
        for (SliceOrientation o : SliceOrientation.values()) {
            steps[o.ordinal()] = computeStep(o);
        }
    }

    /** Grows the box by the outer faces of the grid's voxels (corners at index -0.5 and n - 0.5). */
    private void box(Geometry g, int nx, int ny, int nz) {
        Vector3d p = new Vector3d();
        for (int c = 0; c < 8; c++) {
            g.indexToPatient((c & 1) == 0 ? -0.5 : nx - 0.5, (c & 2) == 0 ? -0.5 : ny - 0.5, (c & 4) == 0 ? -0.5 : nz - 0.5, p);
            min.min(p);
            max.max(p);
        }
    }

    /** A sorted sample of the image's values (every voxel of up to ~2 M, else an even subsample), min and max exact. */
    private static float[] sample(Volume v) {
        long n = (long) v.nx() * v.ny() * v.nz();
        int stride = (int) Math.max(1, n / 2_000_000);
        float[] slice = null;
        float[] out = new float[(int) Math.min(n, (n + stride - 1) / stride + 2)];
        int m = 0;
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        long index = 0;
        for (int k = 0; k < v.nz(); k++) {
            slice = v.sliceValues(k, slice);
            int size = v.nx() * v.ny();
            for (int o = 0; o < size; o++, index++) {
                float x = slice[o];
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
                if (index % stride == 0 && m < out.length - 2) {
                    out[m++] = x;
                }
            }
        }
        out[m++] = lo;
        out[m++] = hi;
        float[] s = Arrays.copyOf(out, m);
        Arrays.sort(s);
        return s;
    }

    private static double at(float[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))];
    }

    public Volume image() {
        return image;
    }

    public LabelMap labels() {
        return labels;
    }

    /** The box holding the image and the label map, LPS mm (outer voxel faces). Live: do not modify. */
    public Vector3dc min() {
        return min;
    }

    public Vector3dc max() {
        return max;
    }

    /** Smallest and largest image value (0 without an image). */
    public double minValue() {
        return minValue;
    }

    public double maxValue() {
        return maxValue;
    }

    /** True when the image is CT in HU (modality, rescale type, or values down to air without a modality). */
    public boolean isCt() {
        return ct;
    }

    /**
     * The window to start with: soft tissue for CT, else the file's own window (DICOM Window
     * Center/Width), else the 0.5th to 99.5th percentile of the values.
     */
    public WindowLevel defaultWindow() {
        if (ct) {
            return WindowLevel.Preset.SOFT_TISSUE.window();
        }
        try {
            String c = attributes.get("windowCenter");
            String w = attributes.get("windowWidth");
            if (c != null && w != null) {
                return new WindowLevel(Double.parseDouble(w.split("\\\\")[0].trim()),
                        Double.parseDouble(c.split("\\\\")[0].trim()), "file");
            }
        } catch (IllegalArgumentException e) {
            // NB: a malformed window in the file falls through to the percentiles
        }
        double lo = percentiles[0];
        double hi = percentiles[2] > lo ? percentiles[2] : lo + 1;
        return new WindowLevel(hi - lo, (hi + lo) * 0.5, "auto");
    }

    /** The transfer function to start volume rendering with: bone for CT, a grey ramp otherwise. */
    public TransferFunction defaultTransfer(TransferFunction.Preset ctPreset) {
        return ct ? TransferFunction.ct(ctPreset) : TransferFunction.ramp(percentiles[1], percentiles[2]);
    }

    /** The image voxel nearest to {@code lps} into {@code ijk}; false when outside the image (or no image). */
    public boolean voxel(Vector3dc lps, int[] ijk) {
        return image != null && nearest(imageToIndex, lps, image.nx(), image.ny(), image.nz(), ijk);
    }

    private static boolean nearest(Matrix4d toIndex, Vector3dc lps, int nx, int ny, int nz, int[] ijk) {
        double x = toIndex.m00() * lps.x() + toIndex.m10() * lps.y() + toIndex.m20() * lps.z() + toIndex.m30();
        double y = toIndex.m01() * lps.x() + toIndex.m11() * lps.y() + toIndex.m21() * lps.z() + toIndex.m31();
        double z = toIndex.m02() * lps.x() + toIndex.m12() * lps.y() + toIndex.m22() * lps.z() + toIndex.m32();
        int i = (int) Math.floor(x + 0.5);
        int j = (int) Math.floor(y + 0.5);
        int k = (int) Math.floor(z + 0.5);
        if (i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz) {
            return false;
        }
        ijk[0] = i;
        ijk[1] = j;
        ijk[2] = k;
        return true;
    }

    /** The image value (rescaled units) of the voxel nearest to {@code lps}, or NaN outside. */
    public double value(Vector3dc lps) {
        int[] ijk = new int[3];
        return voxel(lps, ijk) ? image.value(ijk[0], ijk[1], ijk[2]) : Double.NaN;
    }

    /** The label of the label-map voxel nearest to {@code lps} (0 outside or without labels). */
    public int label(Vector3dc lps) {
        int[] ijk = new int[3];
        if (labels == null || !nearest(labelToIndex, lps, labels.dimensions().nx(), labels.dimensions().ny(),
                labels.dimensions().nz(), ijk)) {
            return 0;
        }
        return labels.label(ijk[0], ijk[1], ijk[2]);
    }

    /** The grid whose slices the views step through: the image's, else the label map's. */
    private Geometry grid() {
        return image != null ? image.geometry() : labels.geometry();
    }

    /** One slice step along the orientation's normal, mm: the grid spacing of the axis closest to it. */
    public double step(SliceOrientation o) {
        return steps[o.ordinal()];
    }

    private double computeStep(SliceOrientation o) {
        Geometry g = grid();
        Vector3d sp = g.spacing();
        var dir = g.direction();
        int best = 0;
        double bestDot = -1;
        Vector3d col = new Vector3d();
        for (int a = 0; a < 3; a++) {
            double d = Math.abs(dir.getColumn(a, col).dot(o.normal()));
            if (d > bestDot) {
                bestDot = d;
                best = a;
            }
        }
        return sp.get(best) * bestDot;
    }

    /**
     * Moves {@code cursor} along the orientation's normal onto the nearest slice centre of the grid,
     * when the grid's slices are perpendicular to that normal (else it is left as it is).
     */
    public void snap(Vector3d cursor, SliceOrientation o) {
        Geometry g = grid();
        Vector3d idx = g.patientToIndex(cursor);
        var dir = g.direction();
        Vector3d col = new Vector3d();
        for (int a = 0; a < 3; a++) {
            if (Math.abs(dir.getColumn(a, col).dot(o.normal())) > 1 - 1e-6) {
                idx.setComponent(a, Math.rint(idx.get(a)));
                Vector3d p = g.indexToPatient(idx.x, idx.y, idx.z);
                cursor.setComponent(o.axis(), p.get(o.axis()));
                return;
            }
        }
    }

    /**
     * The grid slice shown by an orientation's pane at {@code lps}, as (index along the grid axis
     * perpendicular to it, count), or null when no grid axis is perpendicular to the pane (oblique
     * data) or the point lies outside the grid.
     */
    public int[] sliceOf(SliceOrientation o, Vector3dc lps) {
        Geometry g = grid();
        var dir = g.direction();
        Vector3d col = new Vector3d();
        int[] n = image != null ? new int[] {image.nx(), image.ny(), image.nz()}
                : new int[] {labels.dimensions().nx(), labels.dimensions().ny(), labels.dimensions().nz()};
        for (int a = 0; a < 3; a++) {
            if (Math.abs(dir.getColumn(a, col).dot(o.normal())) > 1 - 1e-6) {
                int k = (int) Math.floor(g.patientToIndex(new Vector3d(lps)).get(a) + 0.5);
                return k >= 0 && k < n[a] ? new int[] {k, n[a]} : null;
            }
        }
        return null;
    }

    /** Name of a label: from the label map's metadata, else "label N" (0: "" ). */
    public String labelName(int label) {
        if (label == 0 || labels == null) {
            return "";
        }
        return labels.info(label).map(i -> i.name()).filter(s -> !s.isBlank()).orElse("label " + label);
    }

    /** E.g. "L 12.3 P 4.5 S 50.2 mm  [64 40 33]  45 HU  liver lesion". */
    public String readout(Vector3dc lps) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%s %.1f %s %.1f %s %.1f mm", lps.x() >= 0 ? "L" : "R", Math.abs(lps.x()),
                lps.y() >= 0 ? "P" : "A", Math.abs(lps.y()), lps.z() >= 0 ? "S" : "I", Math.abs(lps.z())));
        int[] ijk = new int[3];
        if (voxel(lps, ijk)) {
            double v = image.value(ijk[0], ijk[1], ijk[2]);
            b.append(String.format(Locale.ROOT, "  [%d %d %d]  %s%s", ijk[0], ijk[1], ijk[2],
                    v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v), ct ? " HU" : ""));
        }
        int l = label(lps);
        if (l != 0) {
            b.append("  ").append(labelName(l));
        }
        return b.toString();
    }
}
