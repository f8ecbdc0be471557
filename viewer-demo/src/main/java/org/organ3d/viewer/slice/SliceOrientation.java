package org.organ3d.viewer.slice;

import org.joml.Vector3d;
import org.joml.Vector3dc;

/**
 * The three patient planes of the slice views, in radiological display convention (as 3D Slicer,
 * ITK-SNAP and PACS viewers show them): axial seen from the feet (patient's left on the screen's
 * right, anterior up), coronal seen from the front (left on the right, superior up), sagittal seen
 * from the patient's left (anterior on the screen's left, superior up). Colours follow 3D Slicer:
 * axial red, sagittal yellow, coronal green.
 */
public enum SliceOrientation {
    AXIAL("axial", new Vector3d(1, 0, 0), new Vector3d(0, 1, 0), new Vector3d(0, 0, 1), 0xd04040ff),
    CORONAL("coronal", new Vector3d(1, 0, 0), new Vector3d(0, 0, -1), new Vector3d(0, 1, 0), 0x40b040ff),
    SAGITTAL("sagittal", new Vector3d(0, 1, 0), new Vector3d(0, 0, -1), new Vector3d(1, 0, 0), 0xd8c030ff);

    private static final SliceOrientation[] ALL = values();
    private final String label;
    private final Vector3d right;
    private final Vector3d down;
    private final Vector3d normal;
    private final int rgba;

    SliceOrientation(String label, Vector3d right, Vector3d down, Vector3d normal, int rgba) {
        this.label = label;
        this.right = right;
        this.down = down;
        this.normal = normal;
        this.rgba = rgba;
    }

    public String label() {
        return label;
    }

    /** LPS direction of the screen's +x (unit). */
    public Vector3dc right() {
        return right;
    }

    /** LPS direction of the screen's +y, downwards (unit). */
    public Vector3dc down() {
        return down;
    }

    /** LPS axis the slice position is measured along (+x, +y or +z; unit). */
    public Vector3dc normal() {
        return normal;
    }

    /** The three orientations (a shared array, unlike {@code values()}: do not modify). */
    public static SliceOrientation[] all() {
        return ALL;
    }

    /** Index of the normal's LPS axis: 0 sagittal (x), 1 coronal (y), 2 axial (z). */
    public int axis() {
        return this == SAGITTAL ? 0 : this == CORONAL ? 1 : 2;
    }

    /** Display colour 0xRRGGBBAA. */
    public int rgba() {
        return rgba;
    }

    private static final String[][] EDGES = {{"R", "L", "A", "P"}, {"R", "L", "S", "I"}, {"A", "P", "S", "I"}};

    /** Letters at the screen's left, right, top and bottom edges (e.g. R, L, A, P for axial); shared: do not modify. */
    public String[] edgeLetters() {
        return EDGES[ordinal()];
    }
}
