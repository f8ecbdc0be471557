package org.organ3d.inference;

import java.util.List;
import org.organ3d.volume.LabelMap;

/**
 * What a model run gives.
 *
 * @param labels       the label map on the volume's own grid and geometry, with the card's label
 *                     names and colours
 * @param device       where the model ran: {@code cpu} or {@code cuda:N}
 * @param patches      patches run (a mirrored run of a patch is not counted again)
 * @param modelRuns    ONNX Runtime runs (batches)
 * @param seconds      wall time of the whole run (normalization, resampling, model, blending, decoding)
 * @param modelSeconds wall time inside ONNX Runtime, summed over the batches
 * @param grid         the model grid
 * @param notes        warnings (card fields not used, device fallback), one line each
 */
public record InferenceResult(LabelMap labels, String device, int patches, int modelRuns, double seconds,
        double modelSeconds, ModelGrid grid, List<String> notes) {

    public InferenceResult {
        notes = List.copyOf(notes);
    }
}
