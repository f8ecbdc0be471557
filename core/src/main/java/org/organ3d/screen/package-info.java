/**
 * Lesion screening: lung-nodule and focal liver-lesion candidates, segmented, measured and scored
 * ({@link org.organ3d.screen.Screening} is the entry point; docs/screening.md describes the
 * pipeline and its FROC evaluation on phantoms). A candidate generator and measurement aid for a
 * reader, not a diagnosis. The heavy filtering runs on a {@link org.organ3d.filter.FilterPasses}
 * (every compute backend is one).
 */
package org.organ3d.screen;
