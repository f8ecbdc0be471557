package org.organ3d.volume;

/**
 * Name and display colour of one label value in a {@link LabelMap}.
 *
 * @param value   label value (1..65535; 0 is background)
 * @param name    human-readable name, e.g. "liver" (never null, may be empty)
 * @param rgba    colour as 0xRRGGBBAA
 */
public record LabelInfo(int value, String name, int rgba) {

    public LabelInfo {
        if (value < 1 || value > 65535) {
            throw new IllegalArgumentException("label value must be 1..65535: " + value);
        }
        name = name == null ? "" : name;
    }

    /** Red, green, blue, alpha in 0..1. */
    public float[] colorFloats() {
        return new float[] {((rgba >>> 24) & 0xFF) / 255f, ((rgba >>> 16) & 0xFF) / 255f,
            ((rgba >>> 8) & 0xFF) / 255f, (rgba & 0xFF) / 255f};
    }

    /**
     * A distinct, saturated display colour for a label that has none: hues stepped by the golden
     * angle (so neighbouring values differ clearly), saturation 0.65, value 0.9, opaque.
     */
    public static int defaultColor(int label) {
        double h = ((label * 0.381966) % 1.0) * 6;
        double c = 0.9 * 0.65;
        double x = c * (1 - Math.abs(h % 2 - 1));
        double m = 0.9 - c;
        double[][] rgb = {{c, x, 0}, {x, c, 0}, {0, c, x}, {0, x, c}, {x, 0, c}, {c, 0, x}};
        double[] v = rgb[Math.min(5, (int) h)];
        return rgba(v[0] + m, v[1] + m, v[2] + m, 1);
    }

    /** A colour from 0..1 components. */
    public static int rgba(double r, double g, double b, double a) {
        return (c(r) << 24) | (c(g) << 16) | (c(b) << 8) | c(a);
    }

    private static int c(double v) {
        return (int) Math.round(Math.max(0, Math.min(1, v)) * 255);
    }
}
