package org.organ3d.testdata.screening;

import java.util.List;
import org.organ3d.testdata.phantom.PhantomGrid;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Volume;

/**
 * A generated screening phantom: the CT (int16, rescale intercept −1024 → HU), the exact lesion
 * truths, and for an abdominal study the organ label map that a user would pass as
 * {@code --liver-labels} (null for a chest study).
 *
 * @param kind       {@code chest} or {@code liver}
 * @param seed       the seed it was generated from (same seed, same study)
 * @param grid       the sampling grid
 * @param ct         the CT volume
 * @param lesions    every lesion painted, with its truth
 * @param organs     organ labels (liver = {@link LiverPhantom#LIVER}), or null
 * @param noiseSigma the image noise, HU
 */
public record ScreeningStudy(String kind, long seed, PhantomGrid grid, Volume ct, List<LesionTruth> lesions,
        LabelMap organs, double noiseSigma) {

    public ScreeningStudy {
        lesions = List.copyOf(lesions);
    }
}
