package org.organ3d.io.dicom;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.organ3d.io.ReadWarning.Kind;
import org.organ3d.io.HeapBudget;
import org.organ3d.io.ReadWarning;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Rescale;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * Decodes an ordered stack of frames into a {@link Volume}.
 *
 * <p><b>Voxel type.</b> The smallest type that holds every stored value of every file exactly
 * ({@link PixelModule#typeFor}): uint8 for 8-bit, int16 for signed up to 16 bits, uint16 for unsigned
 * 16-bit, int32 for 32-bit integers; a mix of signed and unsigned files gets a type holding both.
 * When all frames share one rescale it becomes the volume's {@link Rescale}; when rescales differ from
 * slice to slice the volume is float32 holding rescaled values (identity rescale), with a warning.
 *
 * <p><b>Memory and threads.</b> Files are decoded in parallel (the caller's fork-join pool plus the
 * calling thread: all cores unless inside {@link org.organ3d.parallel.Parallelism#call}). Each
 * thread reads one file at a time into a buffer it reuses and decodes each frame into a slice array
 * it reuses, copied into the volume's slabs by {@link Volume.Builder#setSlice}: a 512×512×400
 * uncompressed series holds one copy of the voxels plus one file buffer and one slice per thread
 * (compressed frames add their compressed bytes and the codec's output while they are decoded).
 */
final class SeriesLoader {

    /** The volume, warnings about its values, and attributes of the first image for display. */
    record Result(Volume volume, List<ReadWarning> warnings, Map<String, String> attributes) {
    }

    /**
     * Files whose pixel data could not be read or decoded (the others were); the message is the
     * first file's error. The series reader drops them (lenient) or fails with {@link #first()}.
     */
    static final class UnreadableFiles extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient Map<Path, IOException> failures;

        UnreadableFiles(Map<Path, IOException> failures) {
            super(failures.values().iterator().next().getMessage(), failures.values().iterator().next());
            this.failures = failures;
        }

        /** Each file that failed, with its typed error, in series order. */
        Map<Path, IOException> failures() {
            return failures;
        }

        /** The first file's error, as it was thrown. */
        IOException first() {
            return failures.values().iterator().next();
        }
    }

    private record Target(int frame, int k) {
    }

    private SeriesLoader() {
    }

    /**
     * Decodes every frame of {@code stack}.
     *
     * @throws org.organ3d.io.ImageFormatException if the volume needs more heap than is free
     * @throws UnreadableFiles                      if some files could not be decoded (every file is tried)
     */
    static Result load(Path source, SeriesGeometry.Stack stack) throws IOException {
        List<FrameHeader> frames = stack.frames();
        List<ReadWarning> warnings = new ArrayList<>();
        FrameHeader first = frames.get(0);
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        int bitsAllocated = 8;
        boolean isFloat = false;
        boolean colour = false;
        boolean mono1 = false;
        Set<Rescale> rescales = new LinkedHashSet<>();
        for (FrameHeader f : frames) {
            PixelModule pm = f.pixels();
            min = Math.min(min, pm.minStored());
            max = Math.max(max, pm.maxStored());
            bitsAllocated = Math.max(bitsAllocated, pm.bitsAllocated());
            isFloat |= pm.isFloat();
            colour |= pm.samplesPerPixel() == 3;
            mono1 |= pm.inverted();
            rescales.add(f.rescale());
        }
        boolean perSlice = rescales.size() > 1;
        VoxelType type = perSlice ? VoxelType.FLOAT32 : PixelModule.typeFor(min, max, bitsAllocated, isFloat);
        Rescale rescale = perSlice ? Rescale.IDENTITY : first.rescale();
        if (perSlice) {
            warnings.add(new ReadWarning(Kind.VALUE_CONVERSION, source,
                    "rescale slope/intercept differ between slices (" + rescales.size()
                    + " distinct): voxels converted to float32 holding rescaled values"));
        }
        if (colour) {
            warnings.add(new ReadWarning(Kind.VALUE_CONVERSION, source,
                    "colour images: converted to grey luminance 0.299 R + 0.587 G + 0.114 B"));
        }
        if (mono1) {
            warnings.add(new ReadWarning(Kind.VALUE_CONVERSION, source,
                    "MONOCHROME1 images: stored values inverted so that larger means brighter"));
        }
        Dimensions dims = new Dimensions(first.pixels().columns(), first.pixels().rows(), frames.size());
        String why = HeapBudget.shortfall(dims.voxelCount() * type.bytes(), "the volume " + dims);
        if (why != null) {
            throw new DicomParseException(source, -1, why);
        }
        Volume.Builder builder = Volume.builder(dims, type, stack.geometry()).rescale(rescale);
        Map<Path, List<Target>> byFile = new LinkedHashMap<>();
        for (int k = 0; k < frames.size(); k++) {
            FrameHeader f = frames.get(k);
            byFile.computeIfAbsent(f.file(), p -> new ArrayList<>()).add(new Target(f.frame(), k));
        }
        Map<String, String> attrs = new ConcurrentHashMap<>();
        Map<Thread, ByteBuffer> buffers = new ConcurrentHashMap<>();
        Map<Thread, Object> scratch = new ConcurrentHashMap<>();
        Map<Path, IOException> failed = new ConcurrentHashMap<>();
        byFile.entrySet().parallelStream().forEach(e -> {
            try {
                loadFile(e.getKey(), e.getValue(), frames, builder, type, perSlice, buffers, scratch, attrs);
            } catch (IOException x) {
                failed.put(e.getKey(), x);
            }
        });
        if (!failed.isEmpty()) {
            Map<Path, IOException> ordered = new LinkedHashMap<>();
            for (Path f : byFile.keySet()) {
                if (failed.containsKey(f)) {
                    ordered.put(f, failed.get(f));
                }
            }
            throw new UnreadableFiles(ordered);
        }
        return new Result(builder.build(), warnings, new LinkedHashMap<>(attrs));
    }

    private static void loadFile(Path file, List<Target> targets, List<FrameHeader> frames, Volume.Builder builder,
            VoxelType type, boolean perSlice, Map<Thread, ByteBuffer> buffers, Map<Thread, Object> scratch,
            Map<String, String> attrs)
            throws IOException {
        ByteBuffer reuse = buffers.get(Thread.currentThread());
        ByteBuffer data = DicomParser.readInto(file, reuse);
        if (data != reuse && data.hasArray() && data.capacity() <= (64 << 20)) {
            buffers.put(Thread.currentThread(), data);
        }
        DicomFile df = DicomParser.parse(file, data);
        PixelModule pm = PixelModule.of(df.dataset(), file);
        Dimensions dims = builder.dimensions();
        if (pm.columns() != dims.nx() || pm.rows() != dims.ny()) {
            throw new DicomParseException(file, -1, "image size changed since the scan: " + pm.columns() + "x" + pm.rows());
        }
        for (Target t : targets) {
            FrameHeader fh = frames.get(t.k());
            if (!pm.equals(fh.pixels())) {
                // NB: the scan parsed the header only; elements after the pixel data that repeat the
                // pixel module would otherwise decode with other bits or frames than the volume's type
                throw new DicomParseException(file, -1, "the pixel module differs between the header and the whole file "
                        + "(repeated elements after the pixel data?): " + fh.pixels() + " vs " + pm);
            }
            // NB: one slice array per thread, cleared for each frame: no 512 KiB garbage per slice
            Object slice = scratch.computeIfAbsent(Thread.currentThread(), x -> type.newSlice(dims.sliceSize()));
            clear(slice);
            Rescale fr = perSlice ? fh.rescale() : Rescale.IDENTITY;
            PixelDecoder.decode(df, pm, t.frame(), type, slice, fr);
            if (perSlice && pm.isFloat()) {
                float[] s = (float[]) slice;
                for (int i = 0; i < s.length; i++) {
                    s[i] = (float) fr.apply(s[i]);
                }
            }
            builder.setSlice(t.k(), slice);
            if (t.k() == 0) {
                Attributes ds = df.dataset();
                put(attrs, "windowCenter", ds.getText(Tag.WindowCenter));
                put(attrs, "windowWidth", ds.getText(Tag.WindowWidth));
                put(attrs, "studyInstanceUID", ds.getString(Tag.StudyInstanceUID));
                put(attrs, "frameOfReferenceUID", ds.getString(Tag.FrameOfReferenceUID));
                put(attrs, "studyDescription", ds.getText(Tag.StudyDescription));
                put(attrs, "seriesDescription", ds.getText(Tag.SeriesDescription));
                put(attrs, "photometricInterpretation", pm.photometric());
                put(attrs, "rescaleType", ds.getString(Tag.RescaleType));
            }
        }
    }

    private static void clear(Object array) {
        if (array instanceof byte[] a) {
            java.util.Arrays.fill(a, (byte) 0);
        } else if (array instanceof short[] a) {
            java.util.Arrays.fill(a, (short) 0);
        } else if (array instanceof int[] a) {
            java.util.Arrays.fill(a, 0);
        } else {
            java.util.Arrays.fill((float[]) array, 0f);
        }
    }

    private static void put(Map<String, String> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }
}
