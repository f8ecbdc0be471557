package org.organ3d.compute;

import org.joml.Vector3d;
import org.organ3d.volume.Geometry;

/**
 * The voxel geometry of one label from the multi-label pass, in voxel indices (i, j, k): exact
 * integer moments, the inclusive index bounding box and the voxel faces on the label's boundary.
 *
 * @param label  label value (1..65535)
 * @param count  voxels
 * @param sumI   Σ i over the voxels (exact; likewise the next eight)
 * @param sumJ   Σ j
 * @param sumK   Σ k
 * @param sumII  Σ i²
 * @param sumJJ  Σ j²
 * @param sumKK  Σ k²
 * @param sumIJ  Σ i·j
 * @param sumIK  Σ i·k
 * @param sumJK  Σ j·k
 * @param iMin   bounding box, inclusive indices
 * @param iMax   ...
 * @param jMin   ...
 * @param jMax   ...
 * @param kMin   ...
 * @param kMax   ...
 * @param facesI voxel faces with normal along i between the label and another label, the background
 *               or the grid border
 * @param facesJ the same along j
 * @param facesK the same along k
 */
public record LabelVoxels(int label, long count, long sumI, long sumJ, long sumK, long sumII, long sumJJ, long sumKK,
        long sumIJ, long sumIK, long sumJK, int iMin, int iMax, int jMin, int jMax, int kMin, int kMax, long facesI,
        long facesJ, long facesK) {

    public LabelVoxels {
        if (count < 1) {
            throw new IllegalArgumentException("label " + label + " has no voxels");
        }
    }

    /** Mean voxel index (i, j, k). */
    public Vector3d centroidIndex() {
        return new Vector3d((double) sumI / count, (double) sumJ / count, (double) sumK / count);
    }

    /** Centroid of the voxel centres in LPS mm. */
    public Vector3d centroid(Geometry g) {
        return g.indexToPatient((double) sumI / count, (double) sumJ / count, (double) sumK / count);
    }
}
