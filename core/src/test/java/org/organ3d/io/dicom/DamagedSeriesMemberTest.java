package org.organ3d.io.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.joml.Vector3d;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.organ3d.io.ImageFormatException;
import org.organ3d.io.ImageFormats;
import org.organ3d.io.LoadedImage;
import org.organ3d.io.ReadOptions;
import org.organ3d.io.ReadWarning.Kind;
import org.organ3d.io.ReadWarning;
import org.organ3d.io.StrictReadException;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.Spacing;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * One damaged file in a 400-file series: a strict read fails with a typed error naming that file; a
 * lenient read reports it with a typed warning naming it and, when a slice is missing or misplaced,
 * a warning about the gap or spacing, so the geometry is never silently wrong. Voxel k of the
 * phantom holds the value k, so the slices read can be checked one by one.
 */
class DamagedSeriesMemberTest {

    private static final int SLICES = 400;
    private static final int DAMAGED = 200;

    @TempDir
    static Path tmp;

    private static List<Path> files;
    private static Geometry geometry;

    /** How the file at {@link #DAMAGED} is damaged, and what a lenient read must say about it. */
    enum Damage {
        /** Cut inside the header: the scan cannot parse it. */
        TRUNCATED_HEADER(Kind.UNREADABLE_FILE, SLICES - 1),
        /** Cut inside the pixel data: the scan sees too few bytes. */
        TRUNCATED_PIXELS(Kind.UNREADABLE_FILE, SLICES - 1),
        /** Overwritten with zeros (a bad sector): not DICOM any more. */
        ZEROED(Kind.SKIPPED_FILE, SLICES - 1),
        /** Junk after the pixel data that repeats Rows: the scan passes, decoding fails. */
        JUNK_AFTER_PIXELS(Kind.UNREADABLE_FILE, SLICES - 1),
        /** Image Position moved 1 mm along the normal (260 to 261): read, but reported as uneven. */
        MOVED(Kind.UNEVEN_SPACING, SLICES),
        /** Another Series Instance UID: the file falls out of the series. */
        OTHER_SERIES(Kind.OTHER_SERIES, SLICES - 1);

        final Kind kind;
        final int slices;

        Damage(Kind kind, int slices) {
            this.kind = kind;
            this.slices = slices;
        }
    }

    @BeforeAll
    static void writeSeries() throws IOException {
        geometry = Geometry.axisAligned(new Spacing(0.7, 0.7, 1.25), new Vector3d(-5, -5, 10));
        Volume.Builder b = Volume.builder(new Dimensions(12, 10, SLICES), VoxelType.INT16, geometry);
        for (int k = 0; k < SLICES; k++) {
            java.nio.ShortBuffer s = b.shortsForWriting(k);
            for (int i = 0; i < s.capacity(); i++) {
                s.put(i, (short) k);
            }
        }
        files = DicomSeriesWriter.writeCtSeries(b.build(), tmp.resolve("original"), SeriesInfo.ct("Damaged^Member", "21", "400"));
    }

    /** A copy of the series with the file of slice {@link #DAMAGED} damaged; returns the damaged file. */
    private static Path damagedCopy(Path dir, Damage d) throws IOException {
        Files.createDirectories(dir);
        Path target = null;
        for (Path f : files) {
            Path c = dir.resolve(f.getFileName());
            Files.copy(f, c);
            if (DicomParser.readHeader(c).dataset().getInt(Tag.InstanceNumber, -1) == DAMAGED + 1) {
                target = c;
            }
        }
        byte[] b = Files.readAllBytes(target);
        byte[] out = switch (d) {
            case TRUNCATED_HEADER -> Arrays.copyOf(b, 300);
            case TRUNCATED_PIXELS -> Arrays.copyOf(b, b.length - 50);
            case ZEROED -> new byte[b.length];
            case JUNK_AFTER_PIXELS -> {
                ByteBuffer junk = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
                junk.putShort((short) 0x0028).putShort((short) 0x0010).put("US".getBytes(StandardCharsets.US_ASCII))
                        .putShort((short) 2).putShort((short) 20);
                byte[] r = Arrays.copyOf(b, b.length + 10);
                System.arraycopy(junk.array(), 0, r, b.length, 10);
                yield r;
            }
            case MOVED -> replace(b, position(DAMAGED), position(DAMAGED + 0.8));
            case OTHER_SERIES -> {
                String uid = DicomParser.readHeader(target).dataset().getString(Tag.SeriesInstanceUID);
                yield replace(b, uid, uid.substring(0, uid.length() - 1) + (uid.endsWith("1") ? "2" : "1"));
            }
        };
        Files.write(target, out);
        return target;
    }

    /** Image Position (Patient) of slice k as DicomSeriesWriter formats it. */
    private static String position(double k) {
        return DecimalStrings.format(-5) + "\\" + DecimalStrings.format(-5) + "\\" + DecimalStrings.format(10 + 1.25 * k);
    }

    private static byte[] replace(byte[] b, String from, String to) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        int at = s.indexOf(from);
        assertTrue(at >= 0, "'" + from + "' not found");
        String pad = to.length() < from.length() ? " ".repeat(from.length() - to.length()) : "";
        assertTrue(to.length() <= from.length(), to + " longer than " + from);
        return (s.substring(0, at) + to + pad + s.substring(at + from.length())).getBytes(StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest
    @EnumSource(Damage.class)
    void strictFailsNamingTheFile(Damage d) throws IOException {
        Path dir = tmp.resolve("strict-" + d);
        Path bad = damagedCopy(dir, d);
        ImageFormatException e = assertThrows(ImageFormatException.class, () -> ImageFormats.read(dir, ReadOptions.strict()));
        if (e instanceof StrictReadException s && d != Damage.MOVED) {
            assertTrue(s.refused().stream().anyMatch(w -> w.kind() == Kind.MISSING_SLICES || w.file().equals(bad)),
                    e.getMessage());
        }
        assertTrue(e.getMessage().contains(d == Damage.MOVED ? dir.toString() : bad.getFileName().toString())
                || e instanceof StrictReadException, e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Damage.class)
    void lenientSkipsOrPlacesItAndSaysSo(Damage d) throws IOException {
        Path dir = tmp.resolve("lenient-" + d);
        Path bad = damagedCopy(dir, d);
        LoadedImage img = ImageFormats.read(dir);
        Volume v = img.volume();
        assertEquals(d.slices, v.dimensions().nz(), d.toString());
        Set<Kind> kinds = img.warnings().stream().map(ReadWarning::kind).collect(Collectors.toSet());
        String all = img.warnings().stream().map(ReadWarning::toString).collect(Collectors.joining("\n"));
        assertTrue(kinds.contains(d.kind), all);
        if (d.kind != Kind.OTHER_SERIES && d != Damage.MOVED) {
            assertTrue(img.warnings().stream().anyMatch(w -> w.kind() == d.kind && w.file().equals(bad)), all);
        }
        if (d == Damage.JUNK_AFTER_PIXELS) {
            // NB: found only when the pixels are decoded: the rest is assembled again without it
            assertTrue(all.contains("skipped: its pixel data cannot be decoded (image size changed since the scan"), all);
        }
        if (d.slices < SLICES) {
            // NB: the missing slice is reported, never silently closed up
            assertTrue(kinds.contains(Kind.MISSING_SLICES) && kinds.contains(Kind.UNEVEN_SPACING), all);
            for (int k = 0; k < v.dimensions().nz(); k++) {
                assertEquals(k < DAMAGED ? k : k + 1, (int) v.raw(3, 4, k), "slice " + k);
            }
        } else {
            for (int k = 0; k < SLICES; k++) {
                assertEquals(k, (int) v.raw(3, 4, k), "slice " + k);
            }
        }
    }
}
