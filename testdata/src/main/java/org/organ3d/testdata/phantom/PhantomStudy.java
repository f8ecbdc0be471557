package org.organ3d.testdata.phantom;

import java.util.List;
import java.util.Map;
import org.organ3d.volume.LabelInfo;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Volume;

/**
 * A generated phantom CT study: the CT volume (int16, rescale intercept −1024 → HU), the truth
 * label map (label of each voxel centre), and the analytic truths.
 *
 * @param grid     the sampling grid
 * @param ct       the CT volume with partial volume and noise
 * @param labels   the truth label map (label at each voxel centre), with names and colours
 * @param truths   exact volume and centroid of each structure, by label
 * @param phantom  the phantom that was sampled
 */
public record PhantomStudy(PhantomGrid grid, Volume ct, LabelMap labels, List<StructureTruth> truths,
        AbdominalPhantom phantom) {

    /** The truth of one label. */
    public StructureTruth truth(int label) {
        return truths.stream().filter(t -> t.label() == label).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no structure " + label));
    }

    /** Names and colours of the labels. */
    public Map<Integer, LabelInfo> labelInfo() {
        return labels.info();
    }
}
