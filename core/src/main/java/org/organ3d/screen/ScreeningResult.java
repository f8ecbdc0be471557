package org.organ3d.screen;

import java.util.List;
import org.organ3d.volume.LabelMap;

/**
 * What {@link Screening#run} found.
 *
 * @param candidates every reported candidate, highest score first, ids 1..n in that order
 * @param features   the score's inputs of each candidate (same order; {@link CandidateScore#FEATURES}),
 *                   for training and diagnostics
 * @param labels     the candidates' voxels, label k = candidate k (uint16), on the CT's grid
 * @param backend    the compute backend that ran the filtering passes
 * @param seconds    wall time of the screening, s
 * @param notes      what was found or assumed on the way (lung fields, airways, liver level ...)
 */
public record ScreeningResult(List<Candidate> candidates, List<double[]> features, LabelMap labels, String backend, double seconds,
        List<String> notes) {

    public ScreeningResult {
        candidates = List.copyOf(candidates);
        features = List.copyOf(features);
        notes = List.copyOf(notes);
        if (features.size() != candidates.size()) {
            throw new IllegalArgumentException("one feature vector per candidate");
        }
    }
}
