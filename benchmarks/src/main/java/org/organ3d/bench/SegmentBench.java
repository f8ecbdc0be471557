package org.organ3d.bench;

import java.nio.ShortBuffer;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.joml.Vector3d;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.organ3d.segment.Components;
import org.organ3d.segment.ConnectedComponents;
import org.organ3d.segment.Connectivity;
import org.organ3d.segment.HuPresets;
import org.organ3d.segment.Morphology;
import org.organ3d.segment.RegionGrowing;
import org.organ3d.segment.Threshold;
import org.organ3d.segment.ThresholdRange;
import org.organ3d.segment.VoxelIndex;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.Rescale;
import org.organ3d.volume.Spacing;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * Segmentation passes on a 512×512×300 int16 CT-like phantom (0.7×0.7×1.25 mm; rescale 1/-1024):
 * air, an elliptic body of soft tissue (20 HU), a liver-sized ellipsoid (60 HU, ≈1.6 L), a spine of
 * bone (700 HU) and five tumours (110 HU, 12–25 mm radius), uniform noise ±20 HU. Single-shot
 * times (one pass each), so the medians are what a user waits for.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 7)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
public class SegmentBench {

    static final int NX = 512;
    static final int NY = 512;
    static final int NZ = 300;
    static final double SX = 0.7;
    static final double SZ = 1.25;

    Volume ct;
    byte[][] liver;
    byte[][] tumour;
    byte[][] softTissue;
    byte[][] body;
    List<VoxelIndex> liverSeed;
    double[] spacing = {SX, SX, SZ};
    Dimensions dims = new Dimensions(NX, NY, NZ);

    @Setup
    public void setup() {
        Geometry g = Geometry.axisAligned(new Spacing(SX, SX, SZ), new Vector3d(-179.2, -179.2, -200));
        Volume.Builder b = Volume.builder(dims, VoxelType.INT16, g).rescale(new Rescale(1, -1024));
        double[][] tumours = {{-60, -20, -40, 25}, {-90, 10, -10, 12}, {40, 40, 0, 18}, {60, -60, 60, 15}, {-20, 60, 90, 20}};
        IntStream.range(0, NZ).parallel().forEach(k -> {
            ShortBuffer s = b.shortsForWriting(k);
            SplittableRandom r = new SplittableRandom(1000 + k);
            double z = -200 + k * SZ;
            for (int j = 0; j < NY; j++) {
                double y = -179.2 + j * SX;
                for (int i = 0; i < NX; i++) {
                    double x = -179.2 + i * SX;
                    double hu = -1000;
                    if ((x / 165) * (x / 165) + (y / 120) * (y / 120) <= 1) {
                        hu = 20;
                    }
                    if (((x + 60) / 95) * ((x + 60) / 95) + ((y + 10) / 70) * ((y + 10) / 70) + ((z - 20) / 80) * ((z - 20) / 80) <= 1) {
                        hu = 60;
                    }
                    if ((x * x + (y - 80) * (y - 80)) <= 18 * 18) {
                        hu = 700;
                    }
                    for (double[] t : tumours) {
                        double dx = x - t[0];
                        double dy = y - t[1];
                        double dz = z - t[2];
                        if (dx * dx + dy * dy + dz * dz <= t[3] * t[3]) {
                            hu = 110;
                        }
                    }
                    s.put(j * NX + i, (short) ((short) (hu + 1024 + r.nextInt(41) - 20)));
                }
            }
        });
        ct = b.build();
        liver = Threshold.mask(ct, new ThresholdRange(45, 80));
        tumour = Threshold.mask(ct, new ThresholdRange(95, 130));
        softTissue = Threshold.mask(ct, HuPresets.SOFT_TISSUE.range());
        body = Threshold.mask(ct, new ThresholdRange(-500, 3000));
        liverSeed = List.of(VoxelIndex.ofPatient(g, dims, new org.joml.Vector3d(-60, -10, 20)));
    }

    /** Soft-tissue preset threshold of the whole study. */
    @Benchmark
    public byte[][] threshold() {
        return Threshold.mask(ct, HuPresets.SOFT_TISSUE.range());
    }

    /** Connected-threshold growing of the liver (45..80 HU, ≈1.6 L) from one seed, 6-connected. */
    @Benchmark
    public long regionGrowing() {
        return RegionGrowing.connectedThreshold(ct, liverSeed, new ThresholdRange(45, 80), Connectivity.SIX,
                RegionGrowing.NO_LIMIT, 1).voxels();
    }

    /** Components (26-connected) of the soft-tissue mask (≈ 46 M voxels: body without the spine). */
    @Benchmark
    public Components connectedComponents() {
        return ConnectedComponents.label(softTissue, dims, ct.geometry(), Connectivity.TWENTY_SIX);
    }

    /** Components (6-connected) of the noisy liver-range mask (≈ 2.5 M voxels with many holes). */
    @Benchmark
    public Components connectedComponentsLiver() {
        return ConnectedComponents.label(liver, dims, ct.geometry(), Connectivity.SIX);
    }

    /** 5 mm margin around the tumours (the planning-volume case). */
    @Benchmark
    public byte[][] margin5mmTumours() {
        return Morphology.dilate(tumour, dims, spacing, 5.0);
    }

    /** 5 mm margin around the noisy liver mask (bounding box ≈ 280×210×130 voxels). */
    @Benchmark
    public byte[][] margin5mmLiver() {
        return Morphology.dilate(liver, dims, spacing, 5.0);
    }

    /** 5 mm margin around the whole body (bounding box ≈ 480×350×300 voxels): the worst case. */
    @Benchmark
    public byte[][] margin5mmBody() {
        return Morphology.dilate(body, dims, spacing, 5.0);
    }
}
