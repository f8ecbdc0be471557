package org.organ3d.testdata.screening;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.organ3d.testdata.phantom.PhantomGrid;
import org.organ3d.testdata.screening.Canvas.Paint;

/**
 * Chest CT phantoms for lung-nodule screening with exact truth, deterministic from a seed: the
 * anatomy of {@link ChestAnatomy} (vessel and airway trees, fissures, ribs ...) and nodules of
 * {@link NodulePlacer}, sampled with partial volume ({@link Canvas}) at scanner-like spacings
 * (in-plane 0.6–0.8 mm on 512 × 512, slices 1, 1.25, 1.5, 2 or 2.5 mm), with correlated noise of
 * 18–40 HU.
 *
 * <p>Everything drawn from the seed is drawn in a fixed order before {@link Options} overrides
 * are applied, so a study with overridden spacing has the same anatomy and nodules as the
 * default one for that seed (as far as the field of view allows).
 */
public final class ChestPhantom {

    private static final double[] SLICES = {1.0, 1.25, 1.5, 2.0, 2.5};

    /**
     * What to override; null fields are drawn from the seed.
     *
     * @param size       patient size factor (0.85–1.05 when drawn)
     * @param inPlaneMm  column and row spacing, mm
     * @param sliceMm    slice spacing, mm
     * @param columns    columns and rows (512 when null)
     * @param slices     number of slices (enough to cover the lungs when null)
     * @param nodules    number of nodules (4–8 when null; 0 gives a vessels-only study)
     * @param noiseHu    noise standard deviation, HU
     */
    public record Options(Double size, Double inPlaneMm, Double sliceMm, Integer columns, Integer slices, Integer nodules,
            Double noiseHu) {

        /** Everything drawn from the seed. */
        public static final Options DEFAULT = new Options(null, null, null, null, null, null, null);

        /** The same study without nodules. */
        public Options withoutNodules() {
            return new Options(size, inPlaneMm, sliceMm, columns, slices, 0, noiseHu);
        }
    }

    private ChestPhantom() {
    }

    /** The study for {@code seed} with everything drawn from it. */
    public static ScreeningStudy generate(long seed) {
        return generate(seed, Options.DEFAULT);
    }

    /** The study for {@code seed} with some parameters overridden. Uses all cores. */
    public static ScreeningStudy generate(long seed, Options o) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double size = 0.85 + 0.2 * rnd.nextDouble();
        double inPlaneExtra = 0.05 * rnd.nextDouble();
        double slice = SLICES[rnd.nextInt(SLICES.length)];
        double noise = 18 + 22 * rnd.nextDouble();
        int nodules = 4 + rnd.nextInt(5);
        long anatomySeed = rnd.nextLong();
        long noduleSeed = rnd.nextLong();
        long noiseSeed = rnd.nextLong();

        size = o.size() != null ? o.size() : size;
        int columns = o.columns() != null ? o.columns() : 512;
        double inPlane = o.inPlaneMm() != null ? o.inPlaneMm()
                : Math.min(0.8, Math.max(0.6, 2 * (165 * size + 12) / columns) + inPlaneExtra);
        slice = o.sliceMm() != null ? o.sliceMm() : slice;
        noise = o.noiseHu() != null ? o.noiseHu() : noise;
        nodules = o.nodules() != null ? o.nodules() : nodules;
        int nz = o.slices() != null ? o.slices() : (int) Math.ceil(280 * size / slice);
        PhantomGrid grid = new PhantomGrid(columns, columns, nz, inPlane, inPlane, slice);
        double zTop = 0.5 * nz * slice;

        ChestAnatomy anatomy = new ChestAnatomy(size, new SplittableRandom(anatomySeed), zTop);
        List<NodulePlacer.Placed> placed = new NodulePlacer(anatomy, new SplittableRandom(noduleSeed)).place(nodules);
        List<Paint> paints = new ArrayList<>(anatomy.paints());
        List<LesionTruth> truths = new ArrayList<>();
        for (NodulePlacer.Placed p : placed) {
            paints.addAll(p.paints());
            truths.add(p.truth());
        }
        Canvas canvas = new Canvas(grid, -1000);
        canvas.paint(paints);
        return new ScreeningStudy("chest", seed, grid, canvas.toVolume(noise, noiseSeed), truths, null, noise);
    }
}
