/**
 * Segmentation on the CPU: thresholds and HU presets, Otsu, region growing, connected components,
 * morphology and margins in millimetres through an exact Euclidean distance transform, hole filling
 * and boolean operations on label maps.
 *
 * <p>Every pass takes {@link org.organ3d.volume.Volume}s or {@link org.organ3d.volume.LabelMap}s and
 * returns new {@link org.organ3d.volume.LabelMap}s on the source geometry (never modifies its input).
 * A mask is a label map read as "label != 0" (or "label == L" where a pass takes a label).
 * Passes run on all cores through the common fork/join pool, split over slices or slabs of slices;
 * their results do not depend on the number of threads (component labels, for one, are ordered by
 * size, ties by the lowest linear voxel index {@code i + nx*(j + ny*k)}). The static entry points
 * working on {@code byte[][]} slices ({@link org.organ3d.segment.DistanceTransform#withinMm},
 * {@link org.organ3d.segment.ConnectedComponents#label(byte[][], org.organ3d.volume.Dimensions,
 * org.organ3d.volume.Geometry,
 * Connectivity)}) are the reference the OpenCL kernels mirror.
 */
package org.organ3d.segment;
