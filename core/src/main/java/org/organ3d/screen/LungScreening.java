package org.organ3d.screen;

import java.util.ArrayList;
import java.util.List;
import org.organ3d.filter.FilterPasses;
import org.organ3d.volume.Volume;

/**
 * Lung-nodule candidates: {@link LungFields} → {@link BlobDetector} (bright blobs, weakest-curvature
 * response, scales σ 1.25–9.5 mm in steps of about √2) → {@link LesionSegmentation} of every blob
 * that passes the thresholds below (in parallel) →
 * {@link CandidateScore#lung()}.
 *
 * <p>Blob thresholds (tuned on the tuning seeds, docs/screening.md): smoothed contrast ≥
 * {@value #MIN_CONTRAST} HU everywhere; at σ ≥ 2.5 mm response ≥ {@value #MIN_RESPONSE} HU (faint
 * ground glass of 10–30 mm responds with about a tenth of its contrast); at 1.75 mm response ≥
 * {@value #MID_RESPONSE} HU and Hessian shape ≥ {@value #MID_SHAPE}; at 1.25 mm response ≥
 * {@value #FINE_RESPONSE} HU and shape ≥ {@value #FINE_SHAPE}. At the fine scales the cross-sections
 * of small vessels in thick slices also look like blobs, thousands per scan; a solid nodule of 4 mm
 * responds far above these limits, ground glass that small is not a target. A σ of 0.9 mm would find
 * some 3 mm nodules at the price of about 1500 more such blobs per scan, so it is not used.
 */
final class LungScreening {

    static final double[] SCALES_MM = {1.25, 1.75, 2.5, 3.5, 5, 7, 9.5};
    static final double MIN_CONTRAST = 40;
    static final double MIN_RESPONSE = 10;
    static final double MID_RESPONSE = 30;
    static final double MID_SHAPE = 0.45;
    static final double FINE_RESPONSE = 50;
    static final double FINE_SHAPE = 0.55;
    private static final LesionSegmentation.Settings SEGMENTATION = new LesionSegmentation.Settings(true, 100, 0, 40, 0.5, ScreeningOptions.DEFAULT_CLOSING_MM);

    private LungScreening() {
    }

    /** The per-scale thresholds of the class comment. */
    static boolean passes(Blob b) {
        if (b.sigmaMm() < 1.5) {
            return b.response() >= FINE_RESPONSE && b.shape() >= FINE_SHAPE;
        }
        if (b.sigmaMm() < 2.0) {
            return b.response() >= MID_RESPONSE && b.shape() >= MID_SHAPE;
        }
        return b.response() >= MIN_RESPONSE;
    }

    static List<Found> find(Volume ct, LungFields lf, FilterPasses backend, CandidateScore model) {
        if (lf.regionBox() == null) {
            return List.of();
        }
        List<Blob> blobs = BlobDetector.detect(ct, lf.region(), lf.regionBox(), lf.parenchymaHu(),
                new BlobDetector.Settings(SCALES_MM, MIN_RESPONSE, MIN_CONTRAST, true, false, 0), backend);
        List<Blob> kept = new ArrayList<>();
        for (Blob b : blobs) {
            if (passes(b)) {
                kept.add(b);
            }
        }
        return kept.parallelStream().map(b -> {
            LesionRegion r = LesionSegmentation.segment(ct, b, lf.region(), b.field(), lf.lungs(), lf.parenchymaHu(), 1, SEGMENTATION);
            if (!r.found()) {
                return null;
            }
            double[] f = CandidateScore.features(b, r);
            return new Found(b, r, "lung", 1, f, model.score(f), b.field() == 2 ? "left" : "right");
        }).filter(java.util.Objects::nonNull).toList();
    }
}
