package org.organ3d.net;

/**
 * Told about a transfer as it goes, for progress displays. Called on the transferring thread (for
 * parallel transfers, on several threads: implementations must be thread-safe); must return quickly
 * and must not throw.
 */
public interface TransferProgress {

    /** Tells nobody. */
    TransferProgress NONE = new TransferProgress() {
    };

    /**
     * A series transfer starts.
     *
     * @param seriesInstanceUID the series
     * @param total             instances to transfer (-1 when unknown)
     * @param present           instances already on disk from an earlier, interrupted pull
     */
    default void seriesStarted(String seriesInstanceUID, int total, int present) {
    }

    /**
     * One instance has arrived complete (pull) or was accepted (push).
     *
     * @param bytes the instance's size in bytes
     */
    default void instanceDone(long bytes) {
    }

    /** The series (or the push) is done. */
    default void seriesDone(String seriesInstanceUID) {
    }
}
