package org.organ3d.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.joml.Vector3d;
import org.organ3d.io.ImageFormats;
import org.organ3d.io.LoadedImage;
import org.organ3d.io.dicom.DicomSeriesWriter;
import org.organ3d.io.dicom.ReferencedSeries;
import org.organ3d.io.dicom.SeriesInfo;
import org.organ3d.io.dicom.seg.SegReader;
import org.organ3d.io.dicom.seg.SegWriter;
import org.organ3d.measure.LabelMeasurements;
import org.organ3d.measure.Report;
import org.organ3d.mesh.Mesh;
import org.organ3d.mesh.MeshPrimitives;
import org.organ3d.mesh.io.CoordinateSystem;
import org.organ3d.mesh.io.ExportOptions;
import org.organ3d.mesh.io.MeshReaders;
import org.organ3d.mesh.io.MeshWriters;
import org.organ3d.mesh.io.NamedMesh;
import org.organ3d.viewer.measure.Measurement;
import org.organ3d.viewer.measure.MeasurementSet;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.LabelInfo;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Spacing;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * Two versions (0 and 1) of one output per format that organ3d writes, each written through the
 * product's own writer, and a fingerprint of what a reader finds in a file of that format (voxels
 * and geometry, meshes, label maps, or the bytes of a text report), for {@link KillWhileWritingTest}.
 * Sizes are chosen so that one write takes milliseconds, not microseconds, and a kill at a random
 * moment lands inside a write.
 */
final class WritePayloads {

    /** The outputs under test; the name is the target file's name. */
    enum Format {
        NII_GZ("out.nii.gz"), NII("out.nii"), NRRD("out.nrrd"), SEG_NRRD("out.seg.nrrd"), MHA("out.mha"), GLB("out.glb"),
        STL("out.stl"), PLY("out.ply"), REPORT_JSON("report.json"), REPORT_CSV("report.csv"),
        VIEWER_MEASUREMENTS("measurements.json"), DICOM_SEG("seg.dcm");

        final String file;

        Format(String file) {
            this.file = file;
        }
    }

    private final Path work;
    private final Map<String, Object> cache = new HashMap<>();

    /** Memoised {@code make} (not computeIfAbsent: payloads are built from other payloads). */
    private Object cached(String key, java.util.function.Function<String, Object> make) {
        Object o = cache.get(key);
        if (o == null) {
            o = make.apply(key);
            cache.put(key, o);
        }
        return o;
    }

    /** @param work a folder for the reference series of the SEG */
    WritePayloads(Path work) {
        this.work = work;
    }

    /** Writes version {@code v} of {@code f} to {@code target} with the product's writer. */
    void write(Format f, int v, Path target) throws IOException {
        switch (f) {
            case NII_GZ, NII, NRRD, MHA -> ImageFormats.write(target, volume(v), Map.of());
            case SEG_NRRD -> ImageFormats.write(target, labels(v).labels(), labels(v).info());
            // NB: STL and PLY hold one surface per file (several labels would be several STL files)
            case GLB -> MeshWriters.write(target, meshes(v), ExportOptions.in(CoordinateSystem.LPS));
            case STL, PLY -> MeshWriters.write(target, meshes(v).subList(0, 1), ExportOptions.in(CoordinateSystem.LPS));
            case REPORT_JSON -> report(v).writeJson(target);
            case REPORT_CSV -> report(v).writeCsv(target);
            case VIEWER_MEASUREMENTS -> measurements(v).save(target);
            case DICOM_SEG -> SegWriter.write(labels(v), reference(), SegWriter.Options.labelMap(), target);
        }
    }

    /** What a reader finds in {@code file}, as a hash; throws when the file cannot be read. */
    String fingerprint(Format f, Path file) throws IOException {
        return switch (f) {
            case NII_GZ, NII, NRRD, SEG_NRRD, MHA -> volumeHash(ImageFormats.read(file));
            case GLB, STL, PLY -> meshHash(MeshReaders.readAll(file, 0xffffffff));
            case REPORT_JSON, REPORT_CSV -> sha(Files.readAllBytes(file));
            case VIEWER_MEASUREMENTS -> {
                StringBuilder b = new StringBuilder();
                for (Measurement m : MeasurementSet.load(file).all()) {
                    b.append(m.kind()).append(m.label()).append(m.points()).append(';');
                }
                yield sha(b.toString().getBytes(StandardCharsets.UTF_8));
            }
            case DICOM_SEG -> {
                LabelMap m = SegReader.readOnto(file, reference()).labels();
                yield volumeHash(m.labels());
            }
        };
    }

    /** 96×80×48 int16 (720 KiB), a different pattern and origin per version. */
    private Volume volume(int v) {
        return (Volume) cached("volume" + v, k -> {
            Volume.Builder b = Volume.builder(new Dimensions(96, 80, 48), VoxelType.INT16,
                    Geometry.axisAligned(new Spacing(0.8, 0.8, 2.5), new Vector3d(-40 + v, -30, 10 * v)));
            for (int z = 0; z < 48; z++) {
                java.nio.ShortBuffer s = b.shortsForWriting(z);
                for (int p = 0; p < s.capacity(); p++) {
                    s.put(p, (short) ((p * (7 + v) + z * 131) % 3000 - 1000));
                }
            }
            return b.build();
        });
    }

    /** 64×56×24 labels 1..12 in blocks, named, shifted per version. */
    private LabelMap labels(int v) {
        return (LabelMap) cached("labels" + v, k -> {
            Dimensions d = new Dimensions(64, 56, 24);
            Volume.Builder b = LabelMap.builder(d, VoxelType.UINT8, geometryOfReference());
            for (int z = 0; z < d.nz(); z++) {
                java.nio.ByteBuffer s = b.bytesForWriting(z);
                for (int y = 0; y < d.ny(); y++) {
                    for (int x = 0; x < d.nx(); x++) {
                        int label = 1 + ((x + 3 * v) / 16 + 4 * (y / 19)) % 12;
                        s.put(y * d.nx() + x, (byte) ((x + y + z + v) % 5 == 0 ? 0 : label));
                    }
                }
            }
            Map<Integer, LabelInfo> info = new HashMap<>();
            for (int l = 1; l <= 12; l++) {
                info.put(l, new LabelInfo(l, "structure " + l + (v == 0 ? "" : " b"), 0x102030ff + l * 0x01000000));
            }
            return new LabelMap(b.build(), info);
        });
    }

    private Geometry geometryOfReference() {
        return Geometry.axisAligned(new Spacing(0.9, 0.9, 2.0), new Vector3d(-20, -15, 5));
    }

    /** The CT series a SEG references: 64×56×24 on the labels' grid, written once. */
    private ReferencedSeries reference() {
        return (ReferencedSeries) cached("reference", k -> {
            try {
                Path dir = work.resolve("reference-ct");
                if (!Files.isDirectory(dir)) {
                    Volume.Builder b = Volume.builder(new Dimensions(64, 56, 24), VoxelType.INT16, geometryOfReference());
                    for (int z = 0; z < 24; z++) {
                        b.sliceForWriting(z);
                    }
                    Path tmp = work.resolve("reference-ct.tmp");
                    DicomSeriesWriter.writeCtSeries(b.build(), tmp, SeriesInfo.ct("Kill^Test", "KILL", "reference"));
                    Files.move(tmp, dir);
                }
                return ReferencedSeries.read(dir);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** Two spheres of 20480 triangles and a box, moved per version. */
    @SuppressWarnings("unchecked")
    private List<NamedMesh> meshes(int v) {
        return (List<NamedMesh>) cached("meshes" + v, k -> List.of(
                new NamedMesh(1, "left", 0xff0000ff, MeshPrimitives.icosphere(v, 0, 0, 10, 5)),
                new NamedMesh(2, "right", 0x00ff00ff, MeshPrimitives.icosphere(30, v, 0, 8, 5)),
                new NamedMesh(3, "box", 0x0000ffff, MeshPrimitives.box(0, 0, 20 + v, 5, 6, 27))));
    }

    private Report report(int v) {
        return (Report) cached("report" + v, k -> new Report("labels-" + v + ".nii.gz", null,
                LabelMeasurements.measure(labels(v)), List.of()));
    }

    /** 2000 rulers and angles, different points per version. */
    private MeasurementSet measurements(int v) {
        return (MeasurementSet) cached("measurements" + v, k -> {
            MeasurementSet s = new MeasurementSet();
            for (int i = 0; i < 1000; i++) {
                s.add(Measurement.Kind.RULER, List.of(new Vector3d(i, v, 0), new Vector3d(i, v, 10 + i)));
                s.add(Measurement.Kind.ANGLE, List.of(new Vector3d(0, 0, v), new Vector3d(i + 1, 0, 0), new Vector3d(0, i + 1, 0)));
            }
            return s;
        });
    }

    private static String volumeHash(LoadedImage img) {
        return volumeHash(img.volume()) + img.volume().geometry().indexToLps();
    }

    private static String volumeHash(Volume vol) {
        Dimensions d = vol.dimensions();
        StringBuilder b = new StringBuilder(d.toString());
        MessageDigest md = digest();
        for (int k = 0; k < d.nz(); k++) {
            for (int j = 0; j < d.ny(); j++) {
                for (int i = 0; i < d.nx(); i++) {
                    int x = (int) vol.raw(i, j, k);
                    md.update((byte) x);
                    md.update((byte) (x >> 8));
                }
            }
        }
        return b.append(HexFormat.of().formatHex(md.digest())).toString();
    }

    private static String meshHash(List<NamedMesh> meshes) {
        MessageDigest md = digest();
        for (NamedMesh m : meshes) {
            Mesh mesh = m.mesh();
            md.update(m.name().getBytes(StandardCharsets.UTF_8));
            for (float x : mesh.positionsCopy()) {
                int bits = Float.floatToIntBits(x);
                md.update(new byte[] {(byte) bits, (byte) (bits >> 8), (byte) (bits >> 16), (byte) (bits >> 24)});
            }
            for (int i : mesh.indicesCopy()) {
                md.update(new byte[] {(byte) i, (byte) (i >> 8), (byte) (i >> 16), (byte) (i >> 24)});
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static String sha(byte[] b) {
        return HexFormat.of().formatHex(digest().digest(b));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Child JVM: writes versions 0, 1, 0, 1 ... of one format to one target until killed; with a
     * fourth argument {@code non-atomic}, each version is copied over the target instead (the control).
     */
    public static void main(String[] args) throws IOException {
        Format f = Format.valueOf(args[0]);
        Path target = Path.of(args[1]);
        WritePayloads p = new WritePayloads(Path.of(args[2]));
        // NB: both versions built before the first write, so the loop does nothing but write
        p.write(f, 1, p.work.resolve("warm-" + f.file));
        p.write(f, 0, p.work.resolve("warm-" + f.file));
        Files.deleteIfExists(p.work.resolve("warm-" + f.file));
        boolean nonAtomic = args.length > 3 && args[3].equals("non-atomic");
        Path staged = p.work.resolve("staged-" + f.file);
        for (long n = 0; ; n++) {
            if (nonAtomic) {
                // NB: the control: what a plain overwrite does (truncate, then copy in)
                p.write(f, (int) (n & 1), staged);
                Files.copy(staged, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } else {
                p.write(f, (int) (n & 1), target);
            }
            if (n == 0) {
                System.out.println("ready");
                System.out.flush();
            }
        }
    }

    /** The hidden temporary files {@link org.organ3d.io.AtomicFiles} leaves when killed. */
    static List<Path> leftovers(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (var s = Files.list(dir)) {
            s.filter(p -> p.getFileName().toString().startsWith(".") && p.getFileName().toString().endsWith(".tmp"))
                    .forEach(out::add);
        }
        return out;
    }

    static final Set<Format> ALL = Set.of(Format.values());
}
