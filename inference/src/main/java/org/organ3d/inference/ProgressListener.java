package org.organ3d.inference;

/**
 * Told how far a model run is, in patches (with test-time mirroring a patch counts once, after all
 * its mirrored runs). Called on the thread that runs {@link ModelSegmentation#run}, after each batch;
 * keep it quick.
 */
@FunctionalInterface
public interface ProgressListener {

    /** No reporting. */
    ProgressListener NONE = (done, total) -> { };

    /**
     * @param done  patches finished so far
     * @param total patches in this run
     */
    void patchesDone(int done, int total);
}
