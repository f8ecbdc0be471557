package org.organ3d.io.dicom.rtstruct;

import java.util.Objects;

/**
 * One contour of an RT Structure Set ROI (an item of the Contour Sequence, PS3.3 C.8.8.6): its
 * geometric type and points in patient coordinates.
 *
 * @param geometricType CLOSED_PLANAR, OPEN_PLANAR, OPEN_NONPLANAR or POINT
 * @param points        x, y, z triples in LPS mm (the Contour Data), at least one point; owned by
 *                      the record, not copied on access (treat as read-only)
 */
public record RtContour(String geometricType, double[] points) {

    public RtContour {
        Objects.requireNonNull(geometricType);
        Objects.requireNonNull(points);
        if (points.length < 3 || points.length % 3 != 0) {
            throw new IllegalArgumentException("contour data must be x, y, z triples: " + points.length + " numbers");
        }
    }

    /** Number of points. */
    public int size() {
        return points.length / 3;
    }

    /** True for CLOSED_PLANAR, the type rasterised into label maps. */
    public boolean isClosedPlanar() {
        return "CLOSED_PLANAR".equals(geometricType);
    }
}
