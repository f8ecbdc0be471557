package org.organ3d.mesh;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Volume;

/**
 * The surface step of the pipeline, as {@code organ3d mesh} and the demo run it: extract
 * (isosurface of an image, or one surface per label of a label map), then optionally keep the
 * largest body, smooth (Taubin, non-shrinking), decimate (quadric error), recompute vertex normals,
 * and measure each mesh (enclosed volume, area, watertightness, components). Extraction is timed
 * alone; with repeats it is run again and the best and median times are reported.
 *
 * <p>All meshes in LPS mm. Stateless and thread-safe; the work itself is multi-threaded where the
 * extractor is (flying edges) and single-threaded for surface nets; the labels of a label map are
 * post-processed and measured in parallel.
 */
public final class SurfaceExtraction {

    private SurfaceExtraction() {
    }

    /**
     * Post-processing after extraction, applied in this order: largest body, smoothing, decimation.
     *
     * @param largestOnly      keep only the largest body (outer shell with its cavities) by volume
     * @param smoothIterations Taubin λ/μ iterations (0: none), λ = 0.33, μ = −0.34
     * @param decimateFraction fraction of triangles to keep in (0, 1], or 1 for no fraction limit
     * @param maxErrorMm       decimation error bound in mm, or infinity for none
     */
    public record PostProcessing(boolean largestOnly, int smoothIterations, double decimateFraction, double maxErrorMm) {

        /** Nothing after extraction. */
        public static final PostProcessing NONE = new PostProcessing(false, 0, 1, Double.POSITIVE_INFINITY);

        public PostProcessing {
            if (smoothIterations < 0) {
                throw new IllegalArgumentException("smoothing iterations must be >= 0: " + smoothIterations);
            }
            if (!(decimateFraction > 0 && decimateFraction <= 1)) {
                throw new IllegalArgumentException("decimation fraction must be in (0, 1]: " + decimateFraction);
            }
            if (!(maxErrorMm > 0)) {
                throw new IllegalArgumentException("decimation max error must be > 0 mm: " + maxErrorMm);
            }
        }

        boolean decimates() {
            return decimateFraction < 1 || Double.isFinite(maxErrorMm);
        }

        boolean any() {
            return largestOnly || smoothIterations > 0 || decimates();
        }
    }

    /**
     * One finished surface with its measurements.
     *
     * @param label      label value, or null for an isosurface
     * @param mesh       the surface (LPS mm)
     * @param volumeMm3  enclosed volume (divergence theorem)
     * @param areaMm2    area
     * @param watertight every edge shared by exactly two oppositely oriented triangles
     * @param components connected components
     * @param volumeChangeBySmoothing relative volume change of the smoothing step (0 without smoothing)
     */
    public record Surface(Integer label, Mesh mesh, double volumeMm3, double areaMm2, boolean watertight, int components,
            double volumeChangeBySmoothing) {

        public Surface {
            Objects.requireNonNull(mesh);
        }
    }

    /**
     * Surfaces and timing.
     *
     * @param surfaces          one per label (sorted) or the one isosurface
     * @param seconds           wall time of the first extraction alone
     * @param repeatSeconds     wall times of every extraction run (first included), in run order
     */
    public record Result(List<Surface> surfaces, double seconds, double[] repeatSeconds) {

        public Result {
            surfaces = List.copyOf(surfaces);
            repeatSeconds = repeatSeconds.clone();
        }

        /** Best extraction time over the repeats (the runs after the first; the first when none). */
        public double secondsBest() {
            return Arrays.stream(repeats()).min().orElse(seconds);
        }

        /** Median extraction time over the repeats (mean of the middle two for an even count). */
        public double secondsMedian() {
            double[] s = repeats();
            Arrays.sort(s);
            int n = s.length;
            return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
        }

        private double[] repeats() {
            return repeatSeconds.length > 1 ? Arrays.copyOfRange(repeatSeconds, 1, repeatSeconds.length) : repeatSeconds.clone();
        }
    }

    /**
     * An extracted surface before post-processing, with the wall time of every extraction run.
     *
     * @param mesh    the first run's surface (LPS mm)
     * @param seconds wall time of each run, the first included
     */
    public record Extracted(Mesh mesh, double[] seconds) {
        public Extracted {
            Objects.requireNonNull(mesh);
            seconds = seconds.clone();
        }
    }

    /**
     * Isosurface of {@code volume} by {@code extractor} (e.g. a compute backend's
     * {@code isosurface}), run {@code 1 + repeats} times, then post-processed.
     */
    public static Result isosurface(Volume volume, IsoSurfaceOptions options,
            BiFunction<Volume, IsoSurfaceOptions, Mesh> extractor, PostProcessing post, int repeats) {
        return finish(extract(volume, options, extractor, repeats), post);
    }

    /**
     * The extraction step of {@link #isosurface} alone. NB: a caller that drops the volume before
     * {@link #finish(Extracted, PostProcessing)} lets its memory go while the surface is checked
     * and post-processed (a 500 MB CT and the topology of its 5-million-triangle skin need not fit
     * together).
     */
    public static Extracted extract(Volume volume, IsoSurfaceOptions options, BiFunction<Volume, IsoSurfaceOptions, Mesh> extractor,
            int repeats) {
        Objects.requireNonNull(volume);
        Objects.requireNonNull(options);
        Objects.requireNonNull(extractor);
        Timed<Mesh> t = timed(() -> extractor.apply(volume, options), repeats);
        return new Extracted(t.value, t.seconds);
    }

    /** The post-processing and measuring step of {@link #isosurface}. */
    public static Result finish(Extracted raw, PostProcessing post) {
        return finish(raw, post, true);
    }

    /**
     * As {@link #finish(Extracted, PostProcessing)}; with {@code normals} false the surface is left
     * without vertex normals (none recomputed after post-processing, the extractor's dropped), for
     * writers that store none (STL).
     */
    public static Result finish(Extracted raw, PostProcessing post, boolean normals) {
        return new Result(List.of(finish(null, raw.mesh(), post, normals)), raw.seconds()[0], raw.seconds());
    }

    /**
     * One surface per label by {@link SurfaceNets} (all labels in one pass; {@code labels} null or
     * empty: every label present), run {@code 1 + repeats} times, then post-processed label by label.
     */
    public static Result labelSurfaces(LabelMap labels, Set<Integer> wanted, PostProcessing post, int repeats) {
        return labelSurfaces(labels, wanted, post, repeats, true);
    }

    /**
     * As {@link #labelSurfaces(LabelMap, Set, PostProcessing, int)}; with {@code normals} false no
     * vertex normals are computed (for writers that store none, STL).
     */
    public static Result labelSurfaces(LabelMap labels, Set<Integer> wanted, PostProcessing post, int repeats,
            boolean normals) {
        Objects.requireNonNull(labels);
        Timed<Map<Integer, Mesh>> t = timed(() -> SurfaceNets.extract(labels, wanted), repeats);
        // NB: labels are post-processed in parallel (decimation and the checks are single-threaded per
        // mesh); the list keeps label order
        List<Surface> out = new ArrayList<>(t.value.entrySet()).parallelStream()
                .map(e -> finish(e.getKey(), e.getValue(), post, normals)).collect(Collectors.toList());
        return new Result(out, t.seconds[0], t.seconds);
    }

    /** Post-processes one mesh and measures it. */
    public static Surface finish(Integer label, Mesh mesh, PostProcessing post) {
        return finish(label, mesh, post, true);
    }

    /**
     * Post-processes one mesh and measures it; with {@code normals} false the result has no vertex
     * normals (none recomputed, the input's dropped).
     */
    public static Surface finish(Integer label, Mesh mesh, PostProcessing post, boolean normals) {
        Processed p = postProcess(label, mesh, post, normals);
        return describe(p.label(), p.mesh(), p.volumeChangeBySmoothing());
    }

    /**
     * A surface after post-processing, not yet measured (see {@link #postProcess}).
     *
     * @param label                   label value, or null for an isosurface
     * @param mesh                    the surface (LPS mm)
     * @param volumeChangeBySmoothing relative volume change of the smoothing step (0 without smoothing)
     */
    public record Processed(Integer label, Mesh mesh, double volumeChangeBySmoothing) {
        public Processed {
            Objects.requireNonNull(mesh);
        }
    }

    /**
     * The post-processing half of {@link #finish(Integer, Mesh, PostProcessing, boolean)}: largest
     * body, smoothing, decimation, normals. {@link #describe(Integer, Mesh, double)} then measures
     * the mesh; a caller may write the mesh while it is measured (both only read it).
     */
    public static Processed postProcess(Integer label, Mesh mesh, PostProcessing post, boolean normals) {
        Mesh m = mesh;
        double change = 0;
        if (post.largestOnly() && !m.isEmpty()) {
            m = MeshComponents.keepLargest(m, MeshComponents.Ranking.ENCLOSED_VOLUME);
        }
        if (post.smoothIterations() > 0 && !m.isEmpty()) {
            SmoothingResult s = TaubinSmoothing.smooth(m, TaubinSmoothing.Options.defaults().withIterations(post.smoothIterations()));
            m = s.mesh();
            change = s.volumeChangeRelative();
        }
        if (post.decimates() && !m.isEmpty()) {
            m = QuadricDecimation.decimate(m, new QuadricDecimation.Options(post.decimateFraction(), post.maxErrorMm())).mesh();
        }
        if (!normals) {
            m = m.withoutNormals();
        } else if (!m.isEmpty() && (post.any() || !m.hasNormals())) {
            m = VertexNormals.recompute(m);
        }
        return new Processed(label, m, change);
    }

    /** Measures a mesh without changing it. */
    public static Surface describe(Integer label, Mesh m, double volumeChangeBySmoothing) {
        // NB: the two checks read the mesh only and run side by side (each in its own fixed order, so
        // the numbers do not depend on the threads)
        List<Object> checks = SlabRunner.map(0, 2, s -> s == 0 ? MeshTopology.of(m) : MeshProperties.of(m));
        MeshTopology topo = (MeshTopology) checks.get(0);
        MeshProperties p = (MeshProperties) checks.get(1);
        return new Surface(label, m, p.volumeMm3(), p.areaMm2(), topo.isWatertight(), topo.componentCount(),
                volumeChangeBySmoothing);
    }

    private record Timed<T>(T value, double[] seconds) {
    }

    private static <T> Timed<T> timed(Supplier<T> work, int repeats) {
        if (repeats < 0) {
            throw new IllegalArgumentException("repeats must be >= 0: " + repeats);
        }
        double[] secs = new double[1 + repeats];
        T first = null;
        for (int r = 0; r <= repeats; r++) {
            long t0 = System.nanoTime();
            T v = work.get();
            secs[r] = (System.nanoTime() - t0) / 1e9;
            if (r == 0) {
                first = v;
            }
        }
        return new Timed<>(first, secs);
    }
}
