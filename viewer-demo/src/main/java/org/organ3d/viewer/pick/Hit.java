package org.organ3d.viewer.pick;

import org.joml.Vector3d;

/**
 * A ray–surface intersection.
 *
 * @param object   index of the mesh in the list the BVH was built from
 * @param triangle triangle index within that mesh
 * @param distance distance from the ray origin along the unit direction, mm
 * @param point    the exact intersection point, LPS mm
 */
public record Hit(int object, int triangle, double distance, Vector3d point) {
}
