package org.organ3d.inference;

/**
 * Receives the blended model output (before decoding to labels), one final slice of the
 * {@link ModelGrid} at a time, in order of w. For inspecting or saving probabilities without ever
 * holding them for the whole volume. Called on the thread that runs {@link ModelSegmentation#run}.
 */
@FunctionalInterface
public interface ChannelSink {

    /**
     * @param grid     the model grid (storage axes u, v, w)
     * @param w        the slice
     * @param values   channel c of voxel (u, v) at {@code c·nu·nv + v·nu + u}; reused after the call
     *                 returns (copy what you keep)
     * @param channels the number of output channels
     */
    void slice(ModelGrid grid, int w, float[] values, int channels);
}
