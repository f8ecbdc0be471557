package org.organ3d.screen;

/**
 * A segmented blob with its score, before ranking and measurement.
 *
 * @param blob     where the detector fired
 * @param region   the segmentation and features
 * @param target   {@code lung} or {@code liver}
 * @param polarity +1 bright, −1 dark
 * @param features the score's inputs ({@link CandidateScore#FEATURES} order)
 * @param score    0..1
 * @param side     {@code right}, {@code left} or null
 */
record Found(Blob blob, LesionRegion region, String target, int polarity, double[] features, double score, String side) {
}
