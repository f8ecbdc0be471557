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
        float[] out = lps.clone();
        if (this == RAS) {
            for (int i = 0; i < out.length; i += 3) {
                out[i] = -out[i];
                out[i + 1] = -out[i + 1];
            }
        }
        return out;
    }

    /** The text written into file headers, e.g. {@code SPACE=LPS UNITS=mm}. */
    public String headerTag() {
        return "SPACE=" + name() + " UNITS=mm";
    }
}
