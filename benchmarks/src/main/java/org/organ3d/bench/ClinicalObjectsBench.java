package org.organ3d.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import org.organ3d.io.dicom.DicomSeriesWriter;
import org.organ3d.io.dicom.ReferencedSeries;
import org.organ3d.io.dicom.SeriesInfo;
import org.organ3d.io.dicom.WrittenInstance;
import org.organ3d.io.dicom.rtstruct.ContourRasterizer;
import org.organ3d.io.dicom.rtstruct.RtStructReader;
import org.organ3d.io.dicom.rtstruct.RtStructWriter;
import org.organ3d.io.dicom.seg.SegReader;
import org.organ3d.io.dicom.seg.SegWriter;
import org.organ3d.io.dicom.seg.Segmentation;
import org.organ3d.testdata.phantom.ManyLabelPhantom;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Rescale;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * The clinical objects at TotalSegmentator size (issue 15's speed goals): a 117-label map of
 * 512 × 512 × 400 voxels ({@link ManyLabelPhantom}, every label present, about 7000 binary SEG
 * frames) written as a binary SEG (goal &lt; 3 s) and read back onto its CT grid (&lt; 2 s), written
 * as an RTSTRUCT (&lt; 5 s) and read back (no goal), and the label map SEG both ways.
 *
 * <p>{@link #setup} writes the 400-slice CT series the objects cite (about 210 MB) and one SEG and
 * RTSTRUCT to read, into a temporary folder; after the first iteration the files come from the page
 * cache, so the times are the writers' and readers' own (plus writing to the page cache), not the
 * disk's. Each benchmark is one whole write or read (single shot).
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ClinicalObjectsBench {

    private Path folder;
    private LabelMap labels;
    private ReferencedSeries ct;
    private Path seg;
    private Path labelMapSeg;
    private Path rtstruct;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        folder = Files.createTempDirectory("organ3d-clinical-bench");
        Dimensions d = ManyLabelPhantom.DIMENSIONS;
        labels = ManyLabelPhantom.generate(d, 117, 20261207L);
        Volume.Builder b = Volume.builder(d, VoxelType.INT16, labels.geometry()).rescale(new Rescale(1, -1024));
        for (int k = 0; k < d.nz(); k++) {
            java.nio.ShortBuffer s = b.shortsForWriting(k);
            for (int p = 0; p < s.capacity(); p++) {
                s.put(p, (short) 1024);
            }
        }
        DicomSeriesWriter.writeCtSeries(b.build(), folder.resolve("ct"), SeriesInfo.ct("Bench^Clinical", "B2", "bench"));
        ct = ReferencedSeries.read(folder.resolve("ct"));
        seg = folder.resolve("read.seg.dcm");
        WrittenInstance w = SegWriter.write(labels, ct, SegWriter.Options.binary(), seg);
        labelMapSeg = folder.resolve("read.labelmap-seg.dcm");
        SegWriter.write(labels, ct, SegWriter.Options.labelMap(), labelMapSeg);
        rtstruct = folder.resolve("read.rtstruct.dcm");
        WrittenInstance r = RtStructWriter.write(labels, ct, RtStructWriter.Options.defaults(), rtstruct);
        System.out.printf("%n%d segments, %d frames, %d MB binary SEG; %d contours, %d MB RTSTRUCT%n", w.items(), w.frames(),
                Files.size(seg) >> 20, r.frames(), Files.size(rtstruct) >> 20);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> s = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Binary SEG of the 117 labels (goal: under 3 s on the 2-core machine). */
    @Benchmark
    public WrittenInstance segWrite() throws IOException {
        return SegWriter.write(labels, ct, SegWriter.Options.binary(), folder.resolve("out.seg.dcm"));
    }

    /** The binary SEG read onto the CT grid (goal: under 2 s). */
    @Benchmark
    public Segmentation segRead() throws IOException {
        return SegReader.readOnto(seg, ct);
    }

    /** Label map SEG (Supplement 243): one 8-bit frame per slice. */
    @Benchmark
    public WrittenInstance labelMapSegWrite() throws IOException {
        return SegWriter.write(labels, ct, SegWriter.Options.labelMap(), folder.resolve("out.labelmap-seg.dcm"));
    }

    @Benchmark
    public Segmentation labelMapSegRead() throws IOException {
        return SegReader.readOnto(labelMapSeg, ct);
    }

    /** RTSTRUCT of the 117 labels, exact contours (goal: under 5 s). */
    @Benchmark
    public WrittenInstance rtstructWrite() throws IOException {
        return RtStructWriter.write(labels, ct, RtStructWriter.Options.defaults(), folder.resolve("out.rtstruct.dcm"));
    }

    /** The RTSTRUCT read and rasterised onto the CT grid. */
    @Benchmark
    public LabelMap rtstructRead() throws IOException {
        return ContourRasterizer.rasterize(RtStructReader.read(rtstruct), ct).labels();
    }
}
