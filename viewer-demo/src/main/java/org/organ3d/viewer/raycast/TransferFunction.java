package org.organ3d.viewer.raycast;

import java.util.List;
import java.util.Locale;

/**
 * Maps an image value to a colour and an extinction (opacity per mm) for emission–absorption ray
 * casting: piecewise linear between control points, constant beyond the first and last. A sample
 * of length Δ mm with extinction σ is drawn with opacity 1 − exp(−σΔ), so the picture does not
 * depend on the step length. Values in the image's rescaled units (HU for CT). Immutable.
 *
 * @param name   preset name
 * @param points control points in increasing value order
 * @param shaded true to light samples by the local gradient (surfaces such as bone read better)
 */
public record TransferFunction(String name, List<Point> points, boolean shaded) {

    /**
     * One control point.
     *
     * @param value      image value
     * @param r          red 0..1 (sRGB)
     * @param g          green 0..1
     * @param b          blue 0..1
     * @param extinction opacity per mm (>= 0)
     */
    public record Point(double value, float r, float g, float b, float extinction) {
        public Point {
            if (!Double.isFinite(value) || !(extinction >= 0)) {
                throw new IllegalArgumentException("control point needs a finite value and extinction >= 0");
            }
        }
    }

    /** CT presets (HU) and one for other images (scaled to their value range). */
    public enum Preset {
        /** Bone only: soft tissue transparent, bone white and nearly opaque. */
        BONE("bone"),
        /** Contrast-filled vessels red, bone white, soft tissue transparent. */
        VESSELS("vessels"),
        /** Organs faint and warm, fat and air transparent, bone white. */
        SOFT_TISSUE("soft-tissue");

        private final String label;

        Preset(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** By name: bone, vessels, soft-tissue (case-insensitive). */
        public static Preset parse(String s) {
            String n = s.trim().toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
            for (Preset p : values()) {
                if (p.label.equals(n) || (p == VESSELS && n.equals("contrast"))) {
                    return p;
                }
            }
            throw new IllegalArgumentException("unknown volume rendering preset '" + s + "' (bone, vessels, soft-tissue)");
        }
    }

    public TransferFunction {
        points = List.copyOf(points);
        if (points.isEmpty()) {
            throw new IllegalArgumentException("a transfer function needs control points");
        }
        for (int i = 1; i < points.size(); i++) {
            if (!(points.get(i).value() > points.get(i - 1).value())) {
                throw new IllegalArgumentException("control points must increase in value");
            }
        }
    }

    /** The preset for CT values in HU. */
    public static TransferFunction ct(Preset p) {
        return switch (p) {
            case BONE -> new TransferFunction("bone", List.of(
                    new Point(220, 0.8f, 0.55f, 0.45f, 0f),
                    new Point(350, 0.92f, 0.85f, 0.75f, 0.4f),
                    new Point(700, 1f, 0.98f, 0.94f, 3f)), true);
            case VESSELS -> new TransferFunction("vessels", List.of(
                    new Point(130, 0.7f, 0.1f, 0.1f, 0f),
                    new Point(170, 0.85f, 0.15f, 0.12f, 0.15f),
                    new Point(260, 0.95f, 0.3f, 0.25f, 0.3f),
                    new Point(300, 0.95f, 0.9f, 0.85f, 0.3f),
                    new Point(600, 1f, 0.98f, 0.94f, 3f)), true);
            case SOFT_TISSUE -> new TransferFunction("soft-tissue", List.of(
                    new Point(-200, 0f, 0f, 0f, 0f),
                    new Point(0, 0.55f, 0.25f, 0.2f, 0f),
                    new Point(40, 0.75f, 0.4f, 0.32f, 0.006f),
                    new Point(160, 0.85f, 0.55f, 0.4f, 0.012f),
                    new Point(200, 0.9f, 0.7f, 0.55f, 0.015f),
                    new Point(300, 0.97f, 0.94f, 0.88f, 0.5f),
                    new Point(700, 1f, 1f, 1f, 3f)), true);
        };
    }

    /**
     * A grey ramp for an image that is not CT: transparent up to the {@code low} value, brighter and
     * denser towards {@code high} (e.g. the 60th and 99.5th percentiles of an MR).
     */
    public static TransferFunction ramp(double low, double high) {
        double hi = high > low ? high : low + 1;
        return new TransferFunction("ramp", List.of(new Point(low, 0.3f, 0.3f, 0.3f, 0f),
                new Point(hi, 1f, 1f, 1f, 0.08f)), true);
    }

    /** Lowest control value. */
    public double low() {
        return points.get(0).value();
    }

    /** Highest control value. */
    public double high() {
        return points.get(points.size() - 1).value();
    }

    /** RGB and extinction at {@code value} into {@code dest} (length 4). */
    public float[] at(double value, float[] dest) {
        Point first = points.get(0);
        Point last = points.get(points.size() - 1);
        if (value <= first.value()) {
            return set(dest, first, first, 0);
        }
        if (value >= last.value()) {
            return set(dest, last, last, 0);
        }
        for (int i = 1; i < points.size(); i++) {
            Point b = points.get(i);
            if (value <= b.value()) {
                Point a = points.get(i - 1);
                return set(dest, a, b, (float) ((value - a.value()) / (b.value() - a.value())));
            }
        }
        return set(dest, last, last, 0);
    }

    private static float[] set(float[] d, Point a, Point b, float t) {
        d[0] = a.r() + (b.r() - a.r()) * t;
        d[1] = a.g() + (b.g() - a.g()) * t;
        d[2] = a.b() + (b.b() - a.b()) * t;
        d[3] = a.extinction() + (b.extinction() - a.extinction()) * t;
        return d;
    }
}
