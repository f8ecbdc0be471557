package org.organ3d.inference;

/**
 * Options of one model run. Immutable; the {@code with...} methods return changed copies.
 *
 * @param overlap   fraction of a patch shared with its neighbours (0 ≤ overlap < 1), or null for
 *                  the card's (nnU-Net's default 0.5)
 * @param tta       test-time augmentation: also run every mirrored patch along the card's
 *                  {@code mirrorAxes} (all 2^n combinations, as nnU-Net) and average
 * @param batchSize patches per model run, or 0 for the card's (the model's fixed batch wins)
 * @param progress  told after every batch (never null)
 * @param sink      receives the blended output slices, or null
 */
public record InferenceOptions(Double overlap, boolean tta, int batchSize, ProgressListener progress, ChannelSink sink) {

    public InferenceOptions {
        if (overlap != null && !(overlap >= 0 && overlap < 1)) {
            throw new IllegalArgumentException("overlap must be at least 0 and below 1: " + overlap);
        }
        if (batchSize < 0 || batchSize > 1024) {
            throw new IllegalArgumentException("batch size must be 0..1024: " + batchSize);
        }
        progress = progress == null ? ProgressListener.NONE : progress;
    }

    /** The card's overlap and batch size, no mirroring, no reporting. */
    public static InferenceOptions defaults() {
        return new InferenceOptions(null, false, 0, ProgressListener.NONE, null);
    }

    public InferenceOptions withOverlap(double o) {
        return new InferenceOptions(o, tta, batchSize, progress, sink);
    }

    public InferenceOptions withTta(boolean on) {
        return new InferenceOptions(overlap, on, batchSize, progress, sink);
    }

    public InferenceOptions withBatchSize(int n) {
        return new InferenceOptions(overlap, tta, n, progress, sink);
    }

    public InferenceOptions withProgress(ProgressListener p) {
        return new InferenceOptions(overlap, tta, batchSize, p, sink);
    }

    public InferenceOptions withSink(ChannelSink s) {
        return new InferenceOptions(overlap, tta, batchSize, progress, s);
    }
}
