package org.organ3d.viewer.slice;

import java.util.Locale;

/**
 * Grey-scale display of image values: values from {@code level - width/2} (black) to
 * {@code level + width/2} (white), linear in between (DICOM's linear VOI function without the
 * half-unit offsets). Values in the image's rescaled units (HU for CT).
 *
 * @param width window width (> 0)
 * @param level window centre
 * @param name  the preset's name, or "custom"
 */
public record WindowLevel(double width, double level, String name) {

    /** Presets for CT (width/level in HU) as radiologists use them. */
    public enum Preset {
        SOFT_TISSUE("soft tissue", 400, 40),
        LUNG("lung", 1500, -600),
        BONE("bone", 1800, 400),
        LIVER("liver", 150, 90),
        BRAIN("brain", 80, 40);

        private final String label;
        private final double width;
        private final double level;

        Preset(String label, double width, double level) {
            this.label = label;
            this.width = width;
            this.level = level;
        }

        public WindowLevel window() {
            return new WindowLevel(width, level, label);
        }

        public String label() {
            return label;
        }

        /** By name: "soft-tissue", "soft tissue", "lung", ... (case-insensitive). */
        public static Preset parse(String s) {
            String n = s.trim().toLowerCase(Locale.ROOT).replace('-', ' ').replace('_', ' ');
            for (Preset p : values()) {
                if (p.label.equals(n)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("unknown window preset '" + s + "' (soft-tissue, lung, bone, liver, brain, or W/L)");
        }
    }

    public WindowLevel {
        if (!(width > 0) || !Double.isFinite(width) || !Double.isFinite(level)) {
            throw new IllegalArgumentException("window width must be > 0 and level finite: " + width + "/" + level);
        }
        name = name == null ? "custom" : name;
    }

    /**
     * A preset name ({@link Preset#parse}) or "W/L" numbers, e.g. "400/40".
     *
     * @throws IllegalArgumentException naming what was expected
     */
    public static WindowLevel parse(String s) {
        int slash = s.indexOf('/');
        if (slash < 0) {
            return Preset.parse(s).window();
        }
        try {
            return new WindowLevel(Double.parseDouble(s.substring(0, slash).trim()),
                    Double.parseDouble(s.substring(slash + 1).trim()), "custom");
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("window must be a preset or W/L numbers, e.g. 400/40: '" + s + "'");
        }
    }

    /** Grey 0..1 for a value. */
    public double grey(double value) {
        return Math.max(0, Math.min(1, (value - (level - width * 0.5)) / width));
    }

    /** Lowest value shown above black. */
    public double low() {
        return level - width * 0.5;
    }

    /** This window after a drag: dx widens (right) or narrows, dy lowers (down) or raises the level. */
    public WindowLevel dragged(double dx, double dy, double unitsPerPixel) {
        return new WindowLevel(Math.max(1e-3, width + dx * unitsPerPixel), level - dy * unitsPerPixel, "custom");
    }

    /** E.g. "W 400 L 40 (soft tissue)". */
    public String describe() {
        return String.format(Locale.ROOT, "W %.0f L %.0f%s", width, level, "custom".equals(name) ? "" : " (" + name + ")");
    }
}
