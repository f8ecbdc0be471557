package org.organ3d.bench;

import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.util.List;
import java.util.Random;
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
import org.organ3d.measure.LabelMeasurement;
import org.organ3d.measure.LabelMeasurements;
import org.organ3d.measure.LabelSurfaces;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Rescale;
import org.organ3d.volume.Spacing;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * Measuring every label of an AI-style whole-body segmentation: a 512 × 512 × 300 uint8 label map
 * (0.8 × 0.8 × 1.5 mm) holding 100 labels — randomly sized and oriented ellipsoids, one per cell of a
 * 5 × 5 × 4 layout, from a few hundred voxels to about 400 000 — plus an int16 CT-like image on the
 * same grid. Variants: geometry only (voxel passes, convex hulls, Feret, RECIST, PCA), with intensity
 * statistics, and with the per-label surfaces (mesh volume, area, sphericity).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar MeasureBench -f 1 -wi 2 -i 3}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
@Warmup(iterations = 2)
@Measurement(iterations = 3)
public class MeasureBench {

    public LabelMap labels;
    public Volume image;

    @Setup
    public void setup() {
        Dimensions d = new Dimensions(512, 512, 300);
        Geometry g = Geometry.axisAligned(new Spacing(0.8, 0.8, 1.5), new Vector3d(-204.8, -204.8, -450));
        Random r = new Random(100);
        double[][] e = new double[100][];
        for (int l = 0; l < 100; l++) {
            int cx = l % 5;
            int cy = (l / 5) % 5;
            int cz = l / 25;
            // cell 102 × 102 × 75 voxels; semi-axes in voxels, kept inside the cell.
            double a = 4 + r.nextDouble() * 44;
            double b = 4 + r.nextDouble() * 44;
            double c = 3 + r.nextDouble() * 33;
            double th = r.nextDouble() * Math.PI;
            e[l] = new double[] {cx * 102.4 + 51.2, cy * 102.4 + 51.2, cz * 75 + 37.5, a, b, c, Math.cos(th), Math.sin(th)};
        }
        Volume.Builder lb = LabelMap.builder(d, VoxelType.UINT8, g);
        Volume.Builder ib = Volume.builder(d, VoxelType.INT16, g).rescale(new Rescale(1, -1024));
        IntStream.range(0, d.nz()).parallel().forEach(k -> {
            ByteBuffer s = lb.bytesForWriting(k);
            ShortBuffer v = ib.shortsForWriting(k);
            int cz = Math.min(3, (int) (k / 75.0));
            for (int j = 0; j < d.ny(); j++) {
                int cy = Math.min(4, (int) (j / 102.4));
                for (int i = 0; i < d.nx(); i++) {
                    int cx = Math.min(4, (int) (i / 102.4));
                    int l = cz * 25 + cy * 5 + cx;
                    double[] p = e[l];
                    double x = i - p[0];
                    double y = j - p[1];
                    double u = (p[6] * x + p[7] * y) / p[3];
                    double w = (-p[7] * x + p[6] * y) / p[4];
                    double z = (k - p[2]) / p[5];
                    boolean in = u * u + w * w + z * z <= 1;
                    s.put(j * d.nx() + i, (byte) (in ? l + 1 : 0));
                    v.put(j * d.nx() + i, (short) ((short) ((in ? 1024 + 40 + l : 1024 - 100) + ((i * 7 + j * 13 + k * 3) % 41) - 20)));
                }
            }
        });
        labels = new LabelMap(lb.build(), null);
        image = ib.build();
    }

    @Benchmark
    public List<LabelMeasurement> geometryOnly() {
        return LabelMeasurements.measure(labels, null, null, null);
    }

    @Benchmark
    public List<LabelMeasurement> withIntensity() {
        return LabelMeasurements.measure(labels, null, image, null);
    }

    @Benchmark
    public List<LabelMeasurement> withSurfaces() {
        return LabelMeasurements.measure(labels, null, null, LabelSurfaces.indicatorIsoSurface());
    }
}
