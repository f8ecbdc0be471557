package org.organ3d.bench;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.organ3d.mesh.FlyingEdges;
import org.organ3d.mesh.IsoSurfaceOptions;
import org.organ3d.mesh.Mesh;
import org.organ3d.mesh.SurfaceNets;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * JMH suite of CPU surface extraction on the int16 CT-like phantom of {@link IsosurfaceThroughput}:
 * flying edges with and without normals and with capping, and surface nets of a label map
 * thresholded from it. Run short on a shared machine:
 * {@code java -jar benchmarks/target/benchmarks.jar FlyingEdgesBench -f 1 -wi 2 -i 3}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 2)
@Measurement(iterations = 3)
public class FlyingEdgesBench {

    /** nx x ny x nz of the phantom. */
    @Param({"256x256x256", "512x512x400"})
    public String size;

    private Volume volume;
    private LabelMap labels;

    @Setup(Level.Trial)
    public void setUp() {
        String[] d = size.split("x");
        volume = IsosurfaceThroughput.phantom(Integer.parseInt(d[0]), Integer.parseInt(d[1]), Integer.parseInt(d[2]));
        Volume.Builder b = LabelMap.builder(volume.dimensions(), VoxelType.UINT8, volume.geometry());
        float[] buf = new float[volume.nx() * volume.ny()];
        for (int k = 0; k < volume.nz(); k++) {
            volume.sliceValues(k, buf);
            ByteBuffer s = b.bytesForWriting(k);
            for (int x = 0; x < buf.length; x++) {
                s.put(x, (byte) (buf[x] >= 500 ? 2 : buf[x] >= IsosurfaceThroughput.PHANTOM_ISO ? 1 : 0));
            }
        }
        labels = new LabelMap(b.build(), null);
    }

    @Benchmark
    public Mesh flyingEdges() {
        return FlyingEdges.extract(volume, new IsoSurfaceOptions(IsosurfaceThroughput.PHANTOM_ISO, false, false));
    }

    @Benchmark
    public Mesh flyingEdgesWithNormals() {
        return FlyingEdges.extract(volume, IsoSurfaceOptions.open(IsosurfaceThroughput.PHANTOM_ISO));
    }

    @Benchmark
    public Mesh flyingEdgesCapped() {
        return FlyingEdges.extract(volume, new IsoSurfaceOptions(IsosurfaceThroughput.PHANTOM_ISO, false, true));
    }

    @Benchmark
    public Object surfaceNetsTwoLabels() {
        return SurfaceNets.extract(labels, null);
    }
}
