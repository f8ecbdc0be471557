package org.organ3d.screen;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.DoubleStream;
import org.organ3d.volume.Volume;

/**
 * Lung-nodule candidates: {@link LungFields} → {@link BlobDetector} (bright blobs, scales σ from
 * 0.9 to 9.5 mm in steps of about √2, the finest dropped where they are under half the slice
 * spacing, since a blob thinner than a slice is not resolved along z) → {@link LesionSegmentation}
 * of every blob (in parallel) → {@link CandidateScore#lung()}.
 *
 * <p>Blob thresholds: smoothed contrast ≥ {@value #MIN_CONTRAST} HU; response ≥
 * {@value #MIN_RESPONSE} HU at scales of 2.5 mm and more (faint ground glass of 10–30 mm responds
 * with about a tenth of its contrast), ≥ {@value #MID_RESPONSE} HU at 1.75 mm, and ≥
 * {@value #MIN_FINE_RESPONSE} HU under {@value #FINE_SCALE_MM} mm, where the cross-sections of
 * small vessels in thick slices also look like blobs (a solid nodule of 4 mm is far above it;
 * ground glass that small is not a target).
 */
final class LungScreening {

    static final double[] SCALES_MM = {0.9, 1.25, 1.75, 2.5, 3.5, 5, 7, 9.5};
    static final double MIN_RESPONSE = 10;
    static final double MID_RESPONSE = 15;
    static final double MIN_CONTRAST = 40;
    static final double FINE_SCALE_MM = 1.75;
    static final double MIN_FINE_RESPONSE = 40;
    private static final LesionSegmentation.Settings SEGMENTATION = new LesionSegmentation.Settings(true, 100, 0, 40, 0.5);

    private LungScreening() {
    }

    /** Scales used on a grid with slice spacing {@code sliceMm}. */
    static double[] scales(double sliceMm) {
        return DoubleStream.of(SCALES_MM).filter(s -> s >= 0.5 * sliceMm || s >= FINE_SCALE_MM).toArray();
    }

    static List<Found> find(Volume ct, LungFields lf, ScreeningPasses backend, CandidateScore model) {
        if (lf.regionBox() == null) {
            return List.of();
        }
        double[] scales = scales(ct.geometry().spacing().z);
        List<Blob> blobs = BlobDetector.detect(ct, lf.region(), lf.regionBox(), lf.parenchymaHu(),
                new BlobDetector.Settings(scales, MIN_RESPONSE, MIN_CONTRAST, true, false, 0), backend);
        List<Blob> kept = new ArrayList<>();
        for (Blob b : blobs) {
            double need = b.sigmaMm() < FINE_SCALE_MM ? MIN_FINE_RESPONSE : b.sigmaMm() < 2.5 ? MID_RESPONSE : MIN_RESPONSE;
            if (b.response() >= need && model.passes(b)) {
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
