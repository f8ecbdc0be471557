package org.organ3d.screen;

import java.util.List;
import org.organ3d.measure.LabelMeasurement;
import org.organ3d.measure.LabelMeasurements;
import org.organ3d.measure.LabelSurfaces;
import org.organ3d.measure.Vec3;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * Turns a segmented, scored blob into a {@link Candidate} with the measurement module's numbers
 * ({@link LabelMeasurements}) on the candidate's box: RECIST 1.1 axes from the label's exact
 * convex hull, and volume, equivalent diameter and
 * sphericity from the sub-voxel surface of the smoothed image at the candidate's own threshold
 * ({@link LabelSurfaces#imageIsoSurface}, free of the staircase bias of voxel counting; the voxel
 * count is the fallback when that surface is not closed). Thread-safe.
 */
final class CandidateMeasurement {

    private CandidateMeasurement() {
    }

    static Candidate measure(Volume ct, Found f, int id) {
        LesionRegion r = f.region();
        Dimensions d = r.boxDims;
        Geometry g = ct.geometry().shiftedBy(r.box[0], r.box[2], r.box[4]);
        int plane = d.sliceSize();
        Volume.Builder lb = LabelMap.builder(d, VoxelType.UINT8, g);
        Volume.Builder cb = Volume.builder(d, VoxelType.FLOAT32, g);
        byte[] l = new byte[plane];
        float[] con = new float[plane];
        for (int k = 0; k < d.nz(); k++) {
            for (int x = 0; x < plane; x++) {
                int v = k * plane + x;
                l[x] = (byte) (r.mask[v] ? 1 : 0);
                con[x] = (float) (f.polarity() * (r.smoothed[v] - r.background));
            }
            lb.setSlice(k, l);
            cb.setSlice(k, con);
        }
        LabelMap map = new LabelMap(lb.build(), null);
        Volume contrast = cb.build();
        // NB: no image here: the region already has its mean and maximum, and exact percentiles are not needed.
        LabelMeasurement m = LabelMeasurements.measure(map, null, null, LabelSurfaces.imageIsoSurface(contrast, r.threshold)).get(0);
        double volume = m.meshVolumeMm3() > 0 && Double.isFinite(m.meshVolumeMm3()) ? m.meshVolumeMm3() : m.volumeMm3();
        double sphericity = Double.isFinite(m.sphericity()) ? m.sphericity() : Double.NaN;
        Vec3 c = m.centroidLps();
        var idx = ct.geometry().patientToIndex(new org.joml.Vector3d(c.x(), c.y(), c.z()));
        LesionType type;
        if ("liver".equals(f.target())) {
            type = f.polarity() < 0 ? LesionType.HYPODENSE : LesionType.HYPERDENSE;
        } else if (r.solidFraction >= 0.6) {
            type = LesionType.SOLID;
        } else if (r.solidFraction * r.voxels >= 3 && r.solidFraction >= 0.02) {
            type = LesionType.PART_SOLID;
        } else {
            type = LesionType.GROUND_GLASS;
        }
        return new Candidate(id, f.target(), c, new Vec3(idx.x, idx.y, idx.z), Math.cbrt(6 * volume / Math.PI),
                m.recist().longAxisMm(), m.recist().shortAxisMm(), volume, r.meanHu, r.maxHu, type, f.score(),
                r.solidFraction, sphericity, r.fieldDistanceMm, f.side(), f.blob().sigmaMm(), f.polarity() * r.level);
    }

    /** A label map builder on {@code ct}'s grid (uint16, zeros where nothing is painted) for {@link #paint}. */
    static Volume.Builder labelBuilder(Volume ct) {
        Volume.Builder b = LabelMap.builder(ct.dimensions(), VoxelType.UINT16, ct.geometry());
        b.fillMissingWithZeros();
        return b;
    }

    /**
     * Paints {@code r}'s voxels that no earlier (higher-scored) candidate holds with {@code id};
     * returns how many it painted (0: the region lies wholly inside better candidates).
     */
    static int paint(Volume.Builder b, Dimensions full, LesionRegion r, int id) {
        short label = (short) id;
        Dimensions d = r.boxDims;
        int painted = 0;
        for (int kk = 0; kk < d.nz(); kk++) {
            java.nio.ShortBuffer s = b.shortsForWriting(r.box[4] + kk);
            for (int jj = 0; jj < d.ny(); jj++) {
                for (int ii = 0; ii < d.nx(); ii++) {
                    int at = (r.box[2] + jj) * full.nx() + r.box[0] + ii;
                    if (r.mask[ii + d.nx() * (jj + d.ny() * kk)] && s.get(at) == 0) {
                        s.put(at, label);
                        painted++;
                    }
                }
            }
        }
        return painted;
    }
}
