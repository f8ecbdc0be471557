package org.organ3d.testdata.screening;

import java.util.Objects;
import org.joml.Vector3d;

/**
 * The exact truth of one lesion painted into a screening phantom. Sizes refer to the visible part:
 * for a juxta-pleural nodule the part inside the lung (the part that sinks into the chest wall has
 * the wall's density and is not part of what can be measured), found by numerical integration on a
 * lattice of at least 120 points per diameter; for every other lesion the whole ellipsoid (exact).
 *
 * @param id               1-based number within the study
 * @param target           {@code lung} or {@code liver}
 * @param type             {@code solid}, {@code part-solid}, {@code ground-glass}, {@code hypodense} or {@code hyperdense}
 * @param placement        {@code isolated}, {@code juxta-pleural}, {@code juxta-vascular} (lung) or {@code parenchymal} (liver)
 * @param centreLps        centroid of the visible lesion, LPS mm
 * @param diameterMm       equivalent-sphere diameter of the visible volume, mm
 * @param volumeMm3        visible volume, mm³
 * @param semiAxesMm       the ellipsoid's three semi-axes, mm
 * @param hu               the lesion's attenuation (the ground-glass part's for a part-solid nodule), HU
 * @param contrastHu       lesion minus surrounding tissue, HU
 * @param solidDiameterMm  equivalent diameter of the solid core of a part-solid nodule (0 for others), mm
 */
public record LesionTruth(int id, String target, String type, String placement, Vector3d centreLps, double diameterMm,
        double volumeMm3, Vector3d semiAxesMm, double hu, double contrastHu, double solidDiameterMm) {

    public LesionTruth {
        Objects.requireNonNull(target);
        Objects.requireNonNull(type);
        Objects.requireNonNull(placement);
        centreLps = new Vector3d(centreLps);
        semiAxesMm = new Vector3d(semiAxesMm);
        if (!(diameterMm > 0 && volumeMm3 > 0)) {
            throw new IllegalArgumentException("lesion " + id + " has no volume");
        }
    }

    /** Radius of the equivalent sphere, mm. */
    public double radiusMm() {
        return 0.5 * diameterMm;
    }
}
