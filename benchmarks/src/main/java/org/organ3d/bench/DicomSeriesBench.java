package org.organ3d.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.joml.Vector3d;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.organ3d.io.LoadedImage;
import org.organ3d.io.dicom.DicomFile;
import org.organ3d.io.dicom.DicomParser;
import org.organ3d.io.dicom.DicomSeriesReader;
import org.organ3d.io.dicom.DicomSeriesWriter;
import org.organ3d.io.dicom.PixelDecoder;
import org.organ3d.io.dicom.PixelModule;
import org.organ3d.io.dicom.SeriesInfo;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.Rescale;
import org.organ3d.volume.Spacing;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * DICOM reading: {@link #loadSeries} reads a 512×512×400 uncompressed int16 CT series (written once
 * in {@link #setup} by organ3d's writer into a temporary folder; about 210 MB, so after the first
 * iteration the files come from the page cache) through the full path: scan, header parse,
 * grouping, geometry, parallel decode. {@link #decodeSlice} parses one 512×512 file held in memory
 * and decodes its pixels into a slice array: throughput × 0.5 MiB = decode MB/s.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
@Warmup(iterations = 2)
@Measurement(iterations = 3)
public class DicomSeriesBench {

    private static final int N = 512;
    private static final int SLICES = 400;

    private Path folder;
    private ByteBuffer oneFile;
    private short[] dest;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        folder = Files.createTempDirectory("organ3d-dicom-bench");
        Volume.Builder b = Volume.builder(new Dimensions(N, N, SLICES), VoxelType.INT16,
                Geometry.axisAligned(new Spacing(0.7, 0.7, 1.25), new Vector3d(-179, -179, -250))).rescale(new Rescale(1, -1024));
        for (int k = 0; k < SLICES; k++) {
            ShortBuffer s = b.shortsForWriting(k);
            for (int p = 0; p < s.capacity(); p++) {
                int i = p % N;
                int j = p / N;
                int dx = i - 256;
                int dy = j - 256;
                s.put(p, (short) ((short) (dx * dx + dy * dy < 200 * 200 ? 1024 + 40 + ((i ^ j ^ k) & 31) : 24)));
            }
        }
        List<Path> files = DicomSeriesWriter.writeCtSeries(b.build(), folder, SeriesInfo.ct("Bench^Series", "B1", "bench"));
        oneFile = ByteBuffer.wrap(Files.readAllBytes(files.get(SLICES / 2)));
        dest = new short[N * N];
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> s = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Seconds to load the whole 400-slice series. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2)
    @Measurement(iterations = 5)
    public Volume loadSeries() throws IOException {
        LoadedImage img = DicomSeriesReader.readFolder(folder, org.organ3d.io.ReadOptions.defaults());
        return img.volume();
    }

    /** Parse + decode of one uncompressed 512×512 int16 slice already in memory (0.5 MiB of pixels). */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public short[] decodeSlice() throws IOException {
        DicomFile df = DicomParser.parse(null, oneFile);
        PixelModule pm = PixelModule.of(df.dataset(), null);
        PixelDecoder.decode(df, pm, 0, VoxelType.INT16, dest, Rescale.IDENTITY);
        return dest;
    }
}
