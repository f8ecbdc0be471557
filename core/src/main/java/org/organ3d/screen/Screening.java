package org.organ3d.screen;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.organ3d.filter.FilterPasses;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Volume;

/**
 * Lesion screening of a CT: lung-nodule and focal liver-lesion candidates, segmented, measured and
 * scored. The entry point of package {@code screen}; the pipeline and its evaluation are described
 * in {@code docs/screening.md}.
 *
 * <p>It is a candidate generator and a measurement aid for a reader, not a diagnosis: it reports
 * blobs that look like nodules or lesions, with sizes and densities, ranked by a score that was
 * trained and evaluated on synthetic phantoms only.
 *
 * <p>Steps: the fields (lungs from the CT, the liver from a label map or a seed), multiscale blob
 * detection on the compute backend ({@link FilterPasses#gaussian},
 * {@link FilterPasses#hessianBlobness}), per-blob segmentation and features (in parallel), the
 * score, then: duplicates dropped (a candidate whose centre lies in the region of a higher-scored
 * one), the options' score and size limits applied, the survivors measured ({@link Candidate}) and
 * painted into a label map in rank order (a candidate whose region lies wholly inside better ones is
 * dropped, so every reported candidate has voxels of its own). Thread-safe (stateless); uses all cores.
 */
public final class Screening {

    /** Most candidates reported (label values of the uint16 label map). */
    public static final int MAX_CANDIDATES = 65535;

    private Screening() {
    }

    /** Screens {@code ct} (HU) as {@code options} say, the heavy filtering passes on {@code backend}. */
    public static ScreeningResult run(Volume ct, ScreeningOptions options, FilterPasses backend) {
        Objects.requireNonNull(ct);
        Objects.requireNonNull(options);
        long t0 = System.nanoTime();
        List<String> notes = new ArrayList<>();
        List<Found> found = new ArrayList<>();
        if (options.lung()) {
            long t1 = System.nanoTime();
            LungFields lf = LungFields.segment(ct, backend, options.closingMm());
            long t2 = System.nanoTime();
            notes.addAll(lf.notes());
            notes.add(String.format(java.util.Locale.ROOT, "lung fields: %.0f mL, parenchyma %.0f HU",
                    lf.regionVoxels() * ct.geometry().voxelVolume() / 1000, lf.parenchymaHu()));
            List<Found> lungFound = LungScreening.find(ct, lf, backend, CandidateScore.lung());
            found.addAll(lungFound);
            notes.add(String.format(java.util.Locale.ROOT, "lung: fields %.1f s, %d blobs segmented and scored in %.1f s",
                    (t2 - t1) / 1e9, lungFound.size(), (System.nanoTime() - t2) / 1e9));
        }
        if (options.liver()) {
            LiverField field = options.liverLabels() != null ? LiverField.fromLabels(ct, options.liverLabels(), options.liverLabel())
                    : LiverField.grow(ct, options.liverSeedLps());
            notes.addAll(field.notes());
            found.addAll(LiverScreening.find(ct, field, backend, CandidateScore.liver()));
        }
        List<Found> ranked = rank(ct, found, options);
        long tm = System.nanoTime();
        List<Candidate> candidates = new ArrayList<>();
        List<double[]> features = new ArrayList<>();
        Volume.Builder painter = CandidateMeasurement.labelBuilder(ct);
        int covered = 0;
        for (Found f : ranked) {
            Candidate c = CandidateMeasurement.measure(ct, f, candidates.size() + 1);
            if (c.diameterMm() < options.minDiameterMm()) {
                continue;
            }
            // NB: a region wholly inside better-scored ones is the same finding again (its centre may lie
            // outside them, where a region that runs to its box border claimed nothing in rank()).
            if (CandidateMeasurement.paint(painter, ct.dimensions(), f.region(), c.id()) == 0) {
                covered++;
                continue;
            }
            candidates.add(c);
            features.add(f.features().clone());
            if (candidates.size() == MAX_CANDIDATES) {
                notes.add("only the " + MAX_CANDIDATES + " highest-scored candidates are reported");
                break;
            }
        }
        if (covered > 0) {
            notes.add(covered + " candidate" + (covered == 1 ? "" : "s") + " wholly inside better-scored ones dropped");
        }
        LabelMap labels = new LabelMap(painter.build(), null);
        notes.add(String.format(java.util.Locale.ROOT, "%d candidates measured in %.1f s", candidates.size(), (System.nanoTime() - tm) / 1e9));
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new ScreeningResult(candidates, features, labels, backendName(backend), seconds, notes);
    }

    private static String backendName(FilterPasses b) {
        return b.name();
    }

    /** Highest score first; a candidate whose centre lies in a better one's region is a duplicate. */
    private static List<Found> rank(Volume ct, List<Found> found, ScreeningOptions o) {
        List<Found> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparingDouble((Found f) -> -f.score()).thenComparingDouble(f -> f.region().ck)
                .thenComparingDouble(f -> f.region().cj).thenComparingDouble(f -> f.region().ci));
        List<Found> kept = new ArrayList<>();
        for (Found f : sorted) {
            if (f.score() < o.minScoreFor(f.target())) {
                continue;
            }
            boolean dup = false;
            for (Found k : kept) {
                // NB: a region that runs to its box border (a vessel tree, a leak) claims nothing.
                if (!k.region().touchesBorder && inside(k.region(), f.region().ci, f.region().cj, f.region().ck)) {
                    dup = true;
                    break;
                }
            }
            if (!dup) {
                kept.add(f);
            }
        }
        return kept;
    }

    private static boolean inside(LesionRegion r, double i, double j, double k) {
        int ii = (int) Math.round(i) - r.box[0];
        int jj = (int) Math.round(j) - r.box[2];
        int kk = (int) Math.round(k) - r.box[4];
        var d = r.boxDims;
        if (ii < 0 || jj < 0 || kk < 0 || ii >= d.nx() || jj >= d.ny() || kk >= d.nz()) {
            return false;
        }
        return r.mask[ii + d.nx() * (jj + d.ny() * kk)];
    }
}
