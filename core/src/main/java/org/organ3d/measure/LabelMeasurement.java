package org.organ3d.measure;

import java.util.List;
import java.util.Objects;

/**
 * Everything measured for one label, in patient millimetres (LPS unless a name says RAS). The
 * definitions, formulas and known biases are in {@code docs/measurements.md}; a value that could not
 * be computed is {@code NaN} (written as JSON null).
 *
 * @param label                 label value (1..65535)
 * @param name                  label name from the file, or null when the file names none (the
 *                              accessor then gives {@code label N}, and fileName() is empty)
 * @param voxelCount            voxels with this label
 * @param volumeMm3             voxel-counting volume: voxelCount × |det(index→LPS)|, mm³
 * @param meshVolumeMm3         volume enclosed by the label's watertight surface (divergence theorem), mm³
 * @param surfaceAreaMm2        area of that surface, mm²
 * @param surfaceMethod         which surface gave the two numbers above (e.g. unsmoothed), or null if none
 * @param voxelFaceAreaMm2      area of the voxel-boundary ("staircase") surface, mm²
 * @param centroidLps           mean of the voxel centres, LPS mm
 * @param centroidVoxel         the same as a fractional voxel index (i, j, k)
 * @param boundingBoxMinLps     smallest LPS coordinates of the voxel corners, mm
 * @param boundingBoxMaxLps     largest LPS coordinates of the voxel corners, mm
 * @param principalAxes         three orthonormal directions (LPS), largest second moment first
 * @param principalLengthsMm    full axis lengths √(20·λ) along them, mm
 * @param orientedBoundingBoxMm extents of the voxel corners along the principal axes, mm
 * @param maxFeretDiameterMm    largest distance between two voxel corners, mm
 * @param maxFeretEndpointsLps  the two corners, LPS mm
 * @param minFeretDiameterMm    smallest width of the convex hull over its face normals, mm
 * @param minFeretDirectionLps  unit direction of that width (LPS)
 * @param sphericity            π^(1/3)(6V)^(2/3)/A with V = meshVolumeMm3, A = surfaceAreaMm2
 * @param recist                RECIST 1.1 long and short axis on the acquired slice plane
 * @param intensity             image statistics over the label, or null without an image
 */
public record LabelMeasurement(int label, String name, long voxelCount, double volumeMm3, double meshVolumeMm3,
        double surfaceAreaMm2, String surfaceMethod, double voxelFaceAreaMm2, Vec3 centroidLps, Vec3 centroidVoxel,
        Vec3 boundingBoxMinLps, Vec3 boundingBoxMaxLps, List<Vec3> principalAxes, Vec3 principalLengthsMm,
        Vec3 orientedBoundingBoxMm, double maxFeretDiameterMm, List<Vec3> maxFeretEndpointsLps,
        double minFeretDiameterMm, Vec3 minFeretDirectionLps, double sphericity, Recist recist,
        IntensityStats intensity) {

    public LabelMeasurement {
        if (label < 1 || label > 65535) {
            throw new IllegalArgumentException("label must be 1..65535: " + label);
        }
        if (voxelCount < 1) {
            throw new IllegalArgumentException("label " + label + " has no voxels");
        }
        Objects.requireNonNull(centroidLps);
        principalAxes = List.copyOf(principalAxes);
        maxFeretEndpointsLps = List.copyOf(maxFeretEndpointsLps);
    }

    /** The label's name from the file, or {@code label N} when the file names none; never null. */
    @Override
    public String name() {
        return name == null || name.isEmpty() ? "label " + label : name;
    }

    /** The label's name as the file gives it; empty when the file names none. */
    public java.util.Optional<String> fileName() {
        return name == null || name.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(name);
    }

    /** Voxel-counting volume in cm³ (mL). */
    public double volumeCm3() {
        return volumeMm3 / 1000.0;
    }

    /** The centroid in RAS mm. */
    public Vec3 centroidRas() {
        return centroidLps.lpsToRas();
    }

    /** The same measurement with intensity statistics. */
    public LabelMeasurement withIntensity(IntensityStats stats) {
        return new LabelMeasurement(label, name, voxelCount, volumeMm3, meshVolumeMm3, surfaceAreaMm2, surfaceMethod,
                voxelFaceAreaMm2, centroidLps, centroidVoxel, boundingBoxMinLps, boundingBoxMaxLps, principalAxes,
                principalLengthsMm, orientedBoundingBoxMm, maxFeretDiameterMm, maxFeretEndpointsLps, minFeretDiameterMm,
                minFeretDirectionLps, sphericity, recist, stats);
    }
}
