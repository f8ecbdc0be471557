package org.organ3d.testdata.phantom;

import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.LabelInfo;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Rescale;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * Samples an {@link AbdominalPhantom} on a {@link PhantomGrid}: deterministic for a given seed,
 * whatever the number of threads.
 *
 * <p>Partial-volume model: a voxel's noise-free value is the mean HU over a 3×3×3 lattice of
 * sub-samples at offsets {−1/3, 0, +1/3} of the spacing around its centre (the box-filtered image of
 * the piecewise-constant phantom, approximated by supersampling). Sub-sampling is done only where a
 * material boundary can pass through the voxel (found with the shapes' distance lower bounds);
 * elsewhere the voxel is uniform and the centre value is exact. Then Gaussian noise of standard
 * deviation {@code noiseSigma} HU is added, the value rounded and stored as int16 with rescale
 * slope 1, intercept −1024 (like most CT scanners).
 *
 * <p>The truth label map holds the label of each voxel centre (no partial volume).
 */
public final class PhantomGenerator {

    /** Default noise, HU (portal-venous abdominal CT is typically 10–15 HU). */
    public static final double DEFAULT_NOISE_HU = 12;

    /** Default random seed. */
    public static final long DEFAULT_SEED = 20261127L;

    private static final int SUB = 3;

    private PhantomGenerator() {
    }

    /** The standard phantom on {@code grid} with default noise and seed. */
    public static PhantomStudy generate(PhantomGrid grid) {
        return generate(new AbdominalPhantom(), grid, DEFAULT_NOISE_HU, DEFAULT_SEED);
    }

    /** Samples {@code phantom} on {@code grid}. Uses all cores. */
    public static PhantomStudy generate(AbdominalPhantom phantom, PhantomGrid grid, double noiseSigma, long seed) {
        Dimensions dims = grid.dimensions();
        Geometry geo = grid.geometry();
        Volume.Builder ct = Volume.builder(dims, VoxelType.INT16, geo).rescale(new Rescale(1, -1024));
        Volume.Builder lab = LabelMap.builder(dims, VoxelType.UINT8, geo);
        List<Shape> shapes = phantom.allShapes();
        double halfDiag = 0.5 * Math.sqrt(grid.sx() * grid.sx() + grid.sy() * grid.sy() + grid.sz() * grid.sz());
        double ox = -0.5 * (grid.nx() - 1) * grid.sx();
        double oy = -0.5 * (grid.ny() - 1) * grid.sy();
        double oz = -0.5 * (grid.nz() - 1) * grid.sz();
        IntStream.range(0, dims.nz()).parallel().forEach(k -> {
            ShortBuffer out = ct.shortsForWriting(k);
            ByteBuffer labels = lab.bytesForWriting(k);
            double z = oz + k * grid.sz();
            List<Shape> nearZ = near(shapes, 4, 5, z, halfDiag);
            List<Structure> structZ = nearStructures(phantom.structures(), 4, 5, z, halfDiag);
            List<Shape> discZ = near(phantom.discs(), 4, 5, z, halfDiag);
            SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + k);
            for (int j = 0; j < dims.ny(); j++) {
                double y = oy + j * grid.sy();
                List<Shape> nearY = near(nearZ, 2, 3, y, halfDiag);
                List<Structure> structs = nearStructures(structZ, 2, 3, y, halfDiag);
                List<Shape> discs = near(discZ, 2, 3, y, halfDiag);
                for (int i = 0; i < dims.nx(); i++) {
                    double x = ox + i * grid.sx();
                    boolean boundary = false;
                    for (Shape s : nearY) {
                        double[] b = boundsOf(s);
                        if (x < b[0] - halfDiag || x > b[1] + halfDiag) {
                            continue;
                        }
                        if (s.boundaryDistanceLowerBound(x, y, z) <= halfDiag * 1.0001) {
                            boundary = true;
                            break;
                        }
                    }
                    double hu;
                    if (boundary) {
                        double sum = 0;
                        for (int c = 0; c < SUB; c++) {
                            double zz = z + (c - 1) * grid.sz() / SUB;
                            for (int b = 0; b < SUB; b++) {
                                double yy = y + (b - 1) * grid.sy() / SUB;
                                for (int a = 0; a < SUB; a++) {
                                    sum += phantom.huAt(x + (a - 1) * grid.sx() / SUB, yy, zz, structs, discs);
                                }
                            }
                        }
                        hu = sum / (SUB * SUB * SUB);
                    } else {
                        hu = phantom.huAt(x, y, z, structs, discs);
                    }
                    // NB: the random stream is consumed once per voxel in a fixed order: deterministic.
                    double noisy = hu + noiseSigma * gaussian(rnd);
                    long stored = Math.round(noisy) + 1024;
                    out.put(j * dims.nx() + i, (short) ((short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, stored))));
                    labels.put(j * dims.nx() + i, (byte) ((byte) phantom.labelAt(x, y, z, structs)));
                }
            }
        });
        Map<Integer, LabelInfo> info = new LinkedHashMap<>();
        for (Structure s : phantom.structures()) {
            info.put(s.label(), new LabelInfo(s.label(), s.name(), s.rgba()));
        }
        return new PhantomStudy(grid, ct.build(), new LabelMap(lab.build(), info), phantom.truths(grid), phantom);
    }

    private static final Map<Object, double[]> BOUNDS = new java.util.concurrent.ConcurrentHashMap<>();

    private static double[] boundsOf(Shape s) {
        return BOUNDS.computeIfAbsent(s, o -> s.bounds());
    }

    private static List<Structure> nearStructures(List<Structure> list, int lo, int hi, double v, double margin) {
        List<Structure> out = new ArrayList<>(list.size());
        for (Structure s : list) {
            double[] b = BOUNDS.computeIfAbsent(s, o -> s.bounds());
            if (v >= b[lo] - margin && v <= b[hi] + margin) {
                out.add(s);
            }
        }
        return out;
    }

    private static List<Shape> near(List<Shape> shapes, int lo, int hi, double v, double margin) {
        List<Shape> out = new ArrayList<>(shapes.size());
        for (Shape s : shapes) {
            double[] b = boundsOf(s);
            if (v >= b[lo] - margin && v <= b[hi] + margin) {
                out.add(s);
            }
        }
        return out;
    }

    /** Standard normal sample (Box–Muller, one value per call for a fixed consumption pattern). */
    private static double gaussian(SplittableRandom r) {
        double u1 = r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
