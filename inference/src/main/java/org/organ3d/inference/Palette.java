package org.organ3d.inference;

import java.util.Optional;

/** Default label colours (evenly spread hues) and the parsing of card colours. */
final class Palette {

    private Palette() {
    }

    /** A distinct opaque colour for the n-th label: hues stepped by the golden angle. */
    static int colour(int n) {
        double h = (n * 137.508) % 360 / 60.0;
        double s = 0.65;
        double v = 0.9;
        double c = v * s;
        double x = c * (1 - Math.abs(h % 2 - 1));
        double[] rgb = switch ((int) h) {
            case 0 -> new double[] {c, x, 0};
            case 1 -> new double[] {x, c, 0};
            case 2 -> new double[] {0, c, x};
            case 3 -> new double[] {0, x, c};
            case 4 -> new double[] {x, 0, c};
            default -> new double[] {c, 0, x};
        };
        double m = v - c;
        return org.organ3d.volume.LabelInfo.rgba(rgb[0] + m, rgb[1] + m, rgb[2] + m, 1);
    }

    /** {@code #RRGGBB} or {@code #RRGGBBAA} as 0xRRGGBBAA. */
    static Optional<Integer> parse(String s) {
        String t = s.trim();
        if (!t.startsWith("#") || (t.length() != 7 && t.length() != 9)) {
            return Optional.empty();
        }
        try {
            long v = Long.parseLong(t.substring(1), 16);
            return Optional.of((int) (t.length() == 7 ? (v << 8) | 0xFF : v));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
