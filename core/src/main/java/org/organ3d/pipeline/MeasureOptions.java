package org.organ3d.pipeline;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.organ3d.measure.LabelSurfaces;
import org.organ3d.volume.Volume;

/**
 * What {@link Pipeline#measure} measures. Immutable; start from {@link #defaults()}.
 *
 * @param labels   the label values to measure; empty for every label present
 * @param image    the image for intensity statistics (same grid as the label map), if any
 * @param surfaces where mesh volume, area and sphericity come from, if they are wanted
 */
public record MeasureOptions(Set<Integer> labels, Optional<Volume> image, Optional<LabelSurfaces> surfaces) {

    public MeasureOptions {
        labels = Set.copyOf(Objects.requireNonNull(labels, "labels"));
        for (int l : labels) {
            if (l < 1 || l > 65535) {
                throw new IllegalArgumentException("label values are 1..65535, not " + l);
            }
        }
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(surfaces, "surfaces");
    }

    /** Every label, no image, surfaces of the label indicators (unsmoothed marching cubes). */
    public static MeasureOptions defaults() {
        return new MeasureOptions(Set.of(), Optional.empty(), Optional.of(LabelSurfaces.indicatorIsoSurface()));
    }

    /** Only these labels. */
    public MeasureOptions withLabels(Set<Integer> only) {
        return new MeasureOptions(only, image, surfaces);
    }

    /** With intensity statistics of {@code ct} (rescaled units, HU for CT). */
    public MeasureOptions withImage(Volume ct) {
        return new MeasureOptions(labels, Optional.of(ct), surfaces);
    }

    /** Surfaces from {@code s} (e.g. smoothed, or the image's isosurface). */
    public MeasureOptions withSurfaces(LabelSurfaces s) {
        return new MeasureOptions(labels, image, Optional.of(s));
    }

    /** Without surfaces: no mesh volume, area or sphericity (faster). */
    public MeasureOptions withoutSurfaces() {
        return new MeasureOptions(labels, image, Optional.empty());
    }
}
