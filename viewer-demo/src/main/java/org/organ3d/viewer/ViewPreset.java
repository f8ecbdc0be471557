package org.organ3d.viewer;

import java.util.Locale;
import org.joml.Vector3f;

/**
 * Standard views in patient orientation (LPS: +x patient left, +y posterior, +z superior).
 * {@code forward} is the viewing direction, {@code up} the screen's up direction, both in LPS.
 * Anterior view: the viewer faces the patient, so the patient's left is on the screen's right
 * (radiological convention); inferior view matches axial CT display.
 */
public enum ViewPreset {
    ANTERIOR(0, 1, 0, 0, 0, 1),
    POSTERIOR(0, -1, 0, 0, 0, 1),
    LEFT(-1, 0, 0, 0, 0, 1),
    RIGHT(1, 0, 0, 0, 0, 1),
    SUPERIOR(0, 0, -1, 0, -1, 0),
    INFERIOR(0, 0, 1, 0, -1, 0);

    private final float fx, fy, fz, ux, uy, uz;

    ViewPreset(float fx, float fy, float fz, float ux, float uy, float uz) {
        this.fx = fx;
        this.fy = fy;
        this.fz = fz;
        this.ux = ux;
        this.uy = uy;
        this.uz = uz;
    }

    /** Viewing direction in LPS (unit). */
    public Vector3f forward(Vector3f dest) {
        return dest.set(fx, fy, fz);
    }

    /** Screen-up direction in LPS (unit). */
    public Vector3f up(Vector3f dest) {
        return dest.set(ux, uy, uz);
    }

    public static ViewPreset parse(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
}
