package org.organ3d.io.dicom.seg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.organ3d.io.ImageFormatException;
import org.organ3d.io.ReadWarning.Kind;
import org.organ3d.io.ReadWarning;
import org.organ3d.io.dicom.DicomFile;
import org.organ3d.io.dicom.PixelDecoder;
import org.organ3d.io.dicom.PixelModule;
import org.organ3d.volume.LabelInfo;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Rescale;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * Fills the label map of a SEG from its frames: slices in parallel, the frames of one slice in file
 * order. 1-bit frames are read in place (runs of zero bytes skipped eight at a time); 8- and 16-bit
 * frames go through {@link PixelDecoder}, so compressed label map and fractional SEGs (RLE, JPEG-LS,
 * JPEG 2000, JPEG lossless) read too. Overlaps keep the larger label and are counted per pair.
 */
final class SegPainter {

    private final DicomFile df;
    private final FrameGrid grid;
    private final VoxelType type;
    private final Path file;
    private final Volume.Builder builder;
    private final Map<Long, AtomicLong> overlaps = new ConcurrentHashMap<>();

    SegPainter(DicomFile df, FrameGrid grid, VoxelType type, Path file) {
        this.df = df;
        this.grid = grid;
        this.type = type;
        this.file = file;
        this.builder = LabelMap.builder(grid.dimensions, type, grid.geometry).fillMissingWithZeros();
    }

    /** Binary (bits 1) or fractional (8/16) frames; frame f is inside for label {@code labelOf[f]} (0: skipped). */
    void paintSegments(int[] sliceOf, int[] labelOf, int bits, int maxFractional, List<ReadWarning> warnings) throws IOException {
        int n = grid.dimensions.sliceSize();
        ByteBuffer data = bits == 1 ? SegReader.nativeBits(df, (long) sliceOf.length * n, file) : null;
        PixelModule pm = bits == 1 ? null : PixelModule.of(df.dataset(), file);
        List<List<Integer>> bySlice = bySlice(sliceOf);
        run(bySlice, (k, frames) -> {
            java.nio.Buffer slice = builder.sliceForWriting(k);
            int[] values = bits == 1 ? null : new int[n];
            short[] decoded = bits == 1 ? null : new short[n];
            for (int f : frames) {
                int label = labelOf[f];
                if (label == 0) {
                    continue;
                }
                if (bits == 1) {
                    paintBits(data, (long) f * n, n, label, slice);
                } else {
                    PixelDecoder.decode(df, pm, f, VoxelType.UINT16, decoded, Rescale.IDENTITY);
                    for (int p = 0; p < n; p++) {
                        values[p] = 2 * (decoded[p] & 0xFFFF) >= maxFractional ? label : 0;
                    }
                    paintValues(values, slice);
                }
            }
        });
        report(warnings);
    }

    /** Label map frames: pixel value v becomes label {@code valueToLabel.get(v)}; absent values are background. */
    void paintLabelMap(int[] sliceOf, Map<Integer, Integer> valueToLabel, java.util.Set<Integer> described,
            List<ReadWarning> warnings) throws IOException {
        int n = grid.dimensions.sliceSize();
        PixelModule pm = PixelModule.of(df.dataset(), file);
        int[] lut = new int[65536];
        valueToLabel.forEach((v, l) -> lut[v & 0xFFFF] = l);
        AtomicLong unknown = new AtomicLong();
        run(bySlice(sliceOf), (k, frames) -> {
            java.nio.Buffer slice = builder.sliceForWriting(k);
            short[] decoded = new short[n];
            int[] values = new int[n];
            for (int f : frames) {
                PixelDecoder.decode(df, pm, f, VoxelType.UINT16, decoded, Rescale.IDENTITY);
                long bad = 0;
                for (int p = 0; p < n; p++) {
                    int v = decoded[p] & 0xFFFF;
                    values[p] = lut[v];
                    if (v != 0 && lut[v] == 0 && !described.contains(v)) {
                        bad++;
                    }
                }
                unknown.addAndGet(bad);
                paintValues(values, slice);
            }
        });
        if (unknown.get() > 0) {
            warnings.add(new ReadWarning(Kind.LABELS, file, unknown.get() + " voxel(s) hold segment numbers the Segment "
                    + "Sequence does not describe: read as background"));
        }
        report(warnings);
    }

    /** The finished label map with the segments' names and colours. */
    LabelMap labelMap(Map<Integer, Segment> segments) {
        Map<Integer, LabelInfo> infos = new TreeMap<>();
        segments.values().forEach(s -> infos.put(s.labelValue(), s.toLabelInfo()));
        return new LabelMap(builder.build(), infos);
    }

    private void paintBits(ByteBuffer data, long bitOffset, int n, int label, java.nio.Buffer slice) {
        int base = (int) (bitOffset >>> 3);
        if ((bitOffset & 7) == 0) {
            int fullBytes = n >>> 3;
            int b = 0;
            for (; b + 8 <= fullBytes; b += 8) {
                if (data.getLong(base + b) != 0) {
                    for (int q = b; q < b + 8; q++) {
                        paintByte(data.get(base + q), q << 3, label, slice);
                    }
                }
            }
            for (; b < fullBytes; b++) {
                paintByte(data.get(base + b), b << 3, label, slice);
            }
            for (int p = fullBytes << 3; p < n; p++) {
                if ((data.get(base + (p >>> 3)) >>> (p & 7) & 1) != 0) {
                    set(slice, p, label);
                }
            }
        } else {
            for (int p = 0; p < n; p++) {
                long bit = bitOffset + p;
                if ((data.get((int) (bit >>> 3)) >>> (bit & 7) & 1) != 0) {
                    set(slice, p, label);
                }
            }
        }
    }

    private void paintByte(byte x, int p0, int label, java.nio.Buffer slice) {
        int v = x & 0xFF;
        while (v != 0) {
            int bit = Integer.numberOfTrailingZeros(v);
            set(slice, p0 + bit, label);
            v &= v - 1;
        }
    }

    private void paintValues(int[] values, java.nio.Buffer slice) {
        for (int p = 0; p < values.length; p++) {
            if (values[p] != 0) {
                set(slice, p, values[p]);
            }
        }
    }

    private void set(java.nio.Buffer slice, int p, int label) {
        int old = slice instanceof java.nio.ByteBuffer b ? b.get(p) & 0xFF : ((java.nio.ShortBuffer) slice).get(p) & 0xFFFF;
        int v = label;
        if (old != 0 && old != label) {
            overlaps.computeIfAbsent(((long) Math.min(old, label) << 32) | Math.max(old, label), x -> new AtomicLong())
                    .incrementAndGet();
            v = Math.max(old, label);
        }
        if (slice instanceof java.nio.ByteBuffer b) {
            b.put(p, (byte) v);
        } else {
            ((java.nio.ShortBuffer) slice).put(p, (short) v);
        }
    }

    private void report(List<ReadWarning> warnings) {
        new TreeMap<>(overlaps).forEach((pair, count) -> warnings.add(new ReadWarning(Kind.LABELS, file, "labels "
                + (pair >>> 32) + " and " + (pair & 0xFFFFFFFFL)
                + " overlap in " + count.get() + " voxel(s): the label map holds the larger label there (read one segment "
                + "alone for its full extent)")));
    }

    private List<List<Integer>> bySlice(int[] sliceOf) {
        List<List<Integer>> out = new ArrayList<>();
        for (int k = 0; k < grid.dimensions.nz(); k++) {
            out.add(new ArrayList<>());
        }
        for (int f = 0; f < sliceOf.length; f++) {
            out.get(sliceOf[f]).add(f);
        }
        return out;
    }

    @FunctionalInterface
    private interface SliceWork {
        void run(int k, List<Integer> frames) throws IOException;
    }

    private void run(List<List<Integer>> bySlice, SliceWork work) throws IOException {
        try {
            IntStream.range(0, bySlice.size()).parallel().forEach(k -> {
                if (bySlice.get(k).isEmpty()) {
                    return;
                }
                try {
                    work.run(k, bySlice.get(k));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (IndexOutOfBoundsException e) {
            throw new ImageFormatException(file, -1, "pixel data shorter than the frames need (" + e.getMessage() + ")", e);
        }
    }
}
