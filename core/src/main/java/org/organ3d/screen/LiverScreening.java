package org.organ3d.screen;

import java.util.List;
import org.organ3d.filter.FilterPasses;
import org.organ3d.volume.Volume;

/**
 * Focal liver-lesion candidates: blobs darker or brighter than the liver's own level
 * ({@link LiverField}: outside the liver's interior the image is set to that level), scales σ
 * 1.75–10 mm (lesions of about 6–35 mm), response ≥ {@value #MIN_RESPONSE} HU and contrast ≥
 * {@value #MIN_CONTRAST} HU, then {@link LesionSegmentation} with the lesion's polarity inside the
 * liver, and {@link CandidateScore#liver()}.
 */
final class LiverScreening {

    static final double[] SCALES_MM = {1.75, 2.5, 3.5, 5, 7, 10};
    static final double MIN_RESPONSE = 2;
    static final double MIN_CONTRAST = 10;
    private static final LesionSegmentation.Settings SEGMENTATION = new LesionSegmentation.Settings(false, 8, 0.35, 50, 1.0, 0);

    private LiverScreening() {
    }

    static List<Found> find(Volume ct, LiverField field, FilterPasses backend, CandidateScore model) {
        List<Blob> blobs = BlobDetector.detect(ct, field.core, field.box, field.level,
                new BlobDetector.Settings(SCALES_MM, MIN_RESPONSE, MIN_CONTRAST, true, true, 1), backend);
        return blobs.parallelStream().map(b -> {
            int polarity = b.response() < 0 ? -1 : 1;
            LesionRegion r = LesionSegmentation.segment(ct, b, field.mask, 0, field.mask, field.level, polarity, SEGMENTATION);
            if (!r.found()) {
                return null;
            }
            double[] f = CandidateScore.features(b, r);
            return new Found(b, r, "liver", polarity, f, model.score(f), null);
        }).filter(java.util.Objects::nonNull).toList();
    }
}
