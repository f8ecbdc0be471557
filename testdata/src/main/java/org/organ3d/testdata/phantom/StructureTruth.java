package org.organ3d.testdata.phantom;

import org.joml.Vector3d;

/**
 * The analytic truth of one phantom structure inside the field of view.
 *
 * @param label       label value
 * @param name        anatomical name
 * @param volumeMm3   exact volume in mm³ of the part inside the field of view (slab of the slices)
 * @param centroidLps exact centroid of that part, LPS mm
 * @param hu          the structure's CT value
 */
public record StructureTruth(int label, String name, double volumeMm3, Vector3d centroidLps, double hu) {
}
