package org.organ3d.viewer;

import java.util.Locale;

/**
 * Default organ colours (0xRRGGBBAA) when a label map carries none: chosen by name keywords in the
 * spirit of 3D Slicer's generic anatomy colours, otherwise by spreading hues with the golden ratio
 * over label values so that neighbouring labels differ.
 */
public final class AnatomicalPalette {

    private static final String[] KEYS = {"liver", "spleen", "kidney", "pancrea", "gallbladder", "aorta", "arter",
        "vena", "vein", "portal", "lesion", "tumo", "cyst", "bone", "spine", "vertebra", "rib", "pelvis", "lung",
        "heart", "stomach", "bladder", "bowel", "colon", "fat", "skin", "body", "muscle"};
    private static final int[] COLOURS = {0xdd8250ff, 0x9d6c8cff, 0xb9665aff, 0xf9b98fff, 0x8bbc5aff, 0xd8654fff,
        0xd8654fff, 0x4a7dc2ff, 0x4a7dc2ff, 0x6a9fd8ff, 0xf5e050ff, 0xf5e050ff, 0xa0d0e0ff, 0xf1d691ff, 0xf1d691ff,
        0xf1d691ff, 0xf1d691ff, 0xf1d691ff, 0xc5d5e5ff, 0xc64a41ff, 0xd8b08cff, 0xd6b66eff, 0xd5a88cff, 0xd5a88cff,
        0xf0e0a0ff, 0xe0b8a0ff, 0xe0b8a0ff, 0xc06050ff};

    private AnatomicalPalette() {
    }

    /** A colour for an organ name (null allowed) and label value, opaque. */
    public static int colour(String name, int label) {
        if (name != null) {
            String n = name.toLowerCase(Locale.ROOT);
            for (int i = 0; i < KEYS.length; i++) {
                if (n.contains(KEYS[i])) {
                    return COLOURS[i];
                }
            }
        }
        return hue(label);
    }

    /** A distinct saturated colour for index i (golden-ratio hue steps). */
    public static int hue(int i) {
        float h = (float) ((i * 0.618033988749895) % 1.0);
        int rgb = java.awt.Color.HSBtoRGB(h, 0.55f, 0.9f);
        return (rgb & 0xFFFFFF) << 8 | 0xFF;
    }
}
