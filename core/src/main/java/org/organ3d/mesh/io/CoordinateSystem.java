package org.organ3d.mesh.io;

/**
 * The patient frame that exported coordinates are written in, in millimetres. Meshes are LPS
 * internally (x to the patient's left, y to posterior, z to superior, as DICOM); RAS (x right, y
 * anterior, z superior, as NIfTI/3D Slicer models) negates x and y. NB: negating two axes is a
 * rotation by 180° about z (determinant +1), so triangle winding and outward normals stay valid
 * and no triangle is re-wound.
 */
public enum CoordinateSystem {
    LPS,
    RAS;

    /** Positions or normals (x, y, z per vertex) in this frame: a new array. */
    public float[] fromLps(float[] lps) {
        return fromLpsInPlace(lps.clone());
    }

    /** As {@link #fromLps}, changing {@code xyz} itself (an array the caller owns); returns it. */
    float[] fromLpsInPlace(float[] xyz) {
        if (this == RAS) {
            for (int i = 0; i < xyz.length; i += 3) {
                xyz[i] = -xyz[i];
                xyz[i + 1] = -xyz[i + 1];
            }
        }
        return xyz;
    }

    /** The text written into file headers, e.g. {@code SPACE=LPS UNITS=mm}. */
    public String headerTag() {
        return "SPACE=" + name() + " UNITS=mm";
    }
}
