package org.organ3d.screen;

import java.util.Objects;
import org.organ3d.measure.Vec3;

/**
 * One screening candidate: where it is, how big, how dense, and how likely it is a lesion. A
 * candidate is a finding for a reader to look at, not a diagnosis. Lengths mm, volumes mm³,
 * intensities in the image's rescaled units (HU), positions LPS mm.
 *
 * @param id                   1-based rank by score (label {@code id} in the candidates' label map)
 * @param target               {@code lung} or {@code liver}
 * @param centerLps            centroid of the segmented candidate, LPS mm
 * @param centerVoxel          the same as a fractional voxel index (i, j, k)
 * @param diameterMm           equivalent-sphere diameter of the segmented volume
 * @param recistLongMm         RECIST 1.1 long axis on the acquired slice plane
 * @param recistShortMm        RECIST 1.1 short axis (perpendicular, same slice)
 * @param volumeMm3            segmented volume
 * @param meanHu               mean of the voxels (unsmoothed)
 * @param maxHu                maximum of the voxels (unsmoothed)
 * @param type                 solid, part-solid, ground-glass (lung); hypodense, hyperdense (liver)
 * @param score                0..1, higher = more likely a lesion (a calibrated classifier output on
 *                             the phantoms it was trained on, not a probability for patients)
 * @param solidFraction        lung: fraction of the volume at or above −300 HU; NaN for organ lesions
 * @param sphericity           π^(1/3)(6V)^(2/3)/A of the candidate's surface (1 for a ball)
 * @param boundaryDistanceMm   distance from the centre to the field's edge (pleura, organ capsule), capped at the box
 * @param side                 {@code right}, {@code left} (lung) or null
 * @param scaleMm              the blob scale σ at which it was found
 * @param contrastHu           the candidate's level minus its surroundings (negative for hypodense)
 */
public record Candidate(int id, String target, Vec3 centerLps, Vec3 centerVoxel, double diameterMm, double recistLongMm,
        double recistShortMm, double volumeMm3, double meanHu, double maxHu, LesionType type, double score,
        double solidFraction, double sphericity, double boundaryDistanceMm, String side, double scaleMm, double contrastHu) {

    public Candidate {
        Objects.requireNonNull(target);
        Objects.requireNonNull(centerLps);
        Objects.requireNonNull(centerVoxel);
        Objects.requireNonNull(type);
        if (id < 1) {
            throw new IllegalArgumentException("candidate id must be >= 1: " + id);
        }
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be in [0, 1]: " + score);
        }
        if (!(diameterMm > 0 && volumeMm3 > 0)) {
            throw new IllegalArgumentException("candidate " + id + " has no volume");
        }
    }

    /** The same candidate with another id (ranks are given after sorting). */
    public Candidate withId(int newId) {
        return new Candidate(newId, target, centerLps, centerVoxel, diameterMm, recistLongMm, recistShortMm, volumeMm3, meanHu,
                maxHu, type, score, solidFraction, sphericity, boundaryDistanceMm, side, scaleMm, contrastHu);
    }
}
