package org.organ3d.io.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.io.ImageFormatException;
import org.organ3d.io.ImageFormats;
import org.organ3d.io.LoadedImage;
import org.organ3d.io.ReadOptions;
import org.organ3d.io.ReadWarning.Kind;
import org.organ3d.io.ReadWarning;
import org.organ3d.io.StrictReadException;
import org.organ3d.volume.Spacing;
import org.organ3d.volume.VoxelType;

/** Folder scanning and series selection: mixed folders, junk, bad files, duplicates, gaps, empty folders. */
class DicomSeriesReaderTest {

    @TempDir
    Path tmp;

    private static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().collect(Collectors.toList());
        }
    }

    @Test
    void emptyFolderIsATypedError() throws Exception {
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        ImageFormatException e = assertThrows(ImageFormatException.class, () -> ImageFormats.read(empty));
        assertTrue(e.getMessage().contains("no files"), e.getMessage());
        Files.writeString(empty.resolve("notes.txt"), "hello");
        e = assertThrows(ImageFormatException.class, () -> ImageFormats.read(empty));
        assertTrue(e.getMessage().contains("no readable DICOM images"), e.getMessage());
    }

    @Test
    void mixedFolderTakesLargestSeriesAndSkipsBadFiles() throws Exception {
        Path mixed = tmp.resolve("mixed");
        Fixtures.copyFolder("phantom-oblique", mixed.resolve("a"));
        Fixtures.copyFolder("phantom-tilted", mixed.resolve("b/c"));
        Files.writeString(mixed.resolve("readme.txt"), "not DICOM");
        byte[] one = Files.readAllBytes(files(mixed.resolve("a")).get(0));
        Files.write(mixed.resolve("truncated.dcm"), Arrays.copyOf(one, one.length - 100));
        LoadedImage img = ImageFormats.read(mixed);
        assertEquals(12, img.volume().nz(), "the oblique series (12) is larger than the tilted one (10)");
        List<ReadWarning> skipped = img.warnings(Kind.SKIPPED_FILE);
        assertEquals(List.of(mixed.resolve("readme.txt")), skipped.stream().map(ReadWarning::file).collect(Collectors.toList()));
        assertTrue(skipped.get(0).detail().contains("not a DICOM file"), skipped.toString());
        List<ReadWarning> unreadable = img.warnings(Kind.UNREADABLE_FILE);
        assertEquals(1, unreadable.size(), img.warnings().toString());
        assertEquals(mixed.resolve("truncated.dcm"), unreadable.get(0).file());
        assertTrue(unreadable.get(0).detail().contains("runs past the end"), unreadable.toString());
        List<ReadWarning> other = img.warnings(Kind.OTHER_SERIES);
        assertEquals(mixed, other.get(0).file());
        assertTrue(other.get(0).detail().startsWith("2 series found"), other.toString());
        assertTrue(img.warningMessages().stream().noneMatch(m -> m.contains("--")), "no command-line option in a library message: "
                + img.warningMessages());
        assertTrue(img.warningMessages().contains(other.get(0).detail()), "the input itself is not repeated");
        assertTrue(img.warningMessages().stream().anyMatch(m -> m.startsWith(mixed.resolve("readme.txt") + ": ")),
                img.warningMessages().toString());
        PhantomSeriesTest.assertPhantomVoxels(img.volume());

        String tiltedUid = ImageFormats.read(Fixtures.path("phantom-tilted")).attributes().get("seriesInstanceUID");
        LoadedImage chosen = ImageFormats.read(mixed, ReadOptions.builder().seriesUid(tiltedUid).build());
        assertEquals(10, chosen.volume().nz());
        assertEquals(tiltedUid, chosen.attributes().get("seriesInstanceUID"));
        ImageFormatException e = assertThrows(ImageFormatException.class,
                () -> DicomSeriesReader.readFolder(mixed, ReadOptions.builder().seriesUid("1.2.3").build()));
        assertTrue(e.getMessage().contains("no series with UID 1.2.3"), e.getMessage());

        // a strict read refuses the folder: a truncated image may be a missing slice
        StrictReadException strict = assertThrows(StrictReadException.class, () -> ImageFormats.read(mixed, ReadOptions.strict()));
        assertEquals(List.of(Kind.UNREADABLE_FILE), strict.refused().stream().map(ReadWarning::kind)
                .collect(Collectors.toList()));
        assertTrue(strict.getMessage().startsWith(mixed + ": refused by strict reading: ")
                && strict.getMessage().contains("truncated.dcm"), strict.getMessage());
        // ... unless that kind is accepted; the other series and the text file are no reason to refuse
        LoadedImage tolerant = ImageFormats.read(mixed, ReadOptions.builder().strict(true)
                .accept(Kind.UNREADABLE_FILE).build());
        assertEquals(12, tolerant.volume().nz());
    }

    @Test
    void seriesOfAFolderAreListedLargestFirstWithoutReadingPixels() throws Exception {
        Path mixed = tmp.resolve("listed");
        Fixtures.copyFolder("phantom-oblique", mixed.resolve("a"));
        Fixtures.copyFolder("phantom-tilted", mixed.resolve("b"));
        Files.writeString(mixed.resolve("readme.txt"), "not DICOM");
        List<SeriesSummary> list = DicomSeriesReader.listSeries(mixed);
        assertEquals(2, list.size(), list.toString());
        LoadedImage oblique = ImageFormats.read(Fixtures.path("phantom-oblique"));
        LoadedImage tilted = ImageFormats.read(Fixtures.path("phantom-tilted"));
        assertEquals(oblique.attributes().get("seriesInstanceUID"), list.get(0).seriesInstanceUID());
        assertEquals(tilted.attributes().get("seriesInstanceUID"), list.get(1).seriesInstanceUID());
        for (int i = 0; i < 2; i++) {
            SeriesSummary s = list.get(i);
            LoadedImage img = i == 0 ? oblique : tilted;
            assertEquals(img.volume().nz(), s.largestStack());
            assertEquals(img.volume().nz(), s.images());
            assertEquals(Integer.parseInt(img.attributes().get("files")), s.files());
            assertEquals(1, s.stacks());
            assertEquals(img.volume().nx(), s.columns());
            assertEquals(img.volume().ny(), s.rows());
            assertEquals(img.attributes().get("modality"), s.modality());
            assertEquals(img.attributes().get("studyInstanceUID"), s.studyInstanceUID());
        }
        ImageFormatException e = assertThrows(ImageFormatException.class, () -> DicomSeriesReader.listSeries(
                Files.createDirectory(tmp.resolve("nothing"))));
        assertTrue(e.getMessage().contains("no files"), e.getMessage());
    }

    @Test
    void hiddenFoldersAreNotRead() throws Exception {
        Path dir = tmp.resolve("pulled");
        Fixtures.copyFolder("phantom-tilted", dir.resolve("series"));
        // NB: an interrupted PACS pull leaves its instances in a hidden partial folder
        Fixtures.copyFolder("phantom-oblique", dir.resolve(".organ3d-partial-1.2.3"));
        LoadedImage img = ImageFormats.read(dir);
        assertEquals(10, img.volume().nz(), "only the tilted series outside the hidden folder is read");
        assertTrue(img.warnings().stream().noneMatch(x -> x.kind() == ReadWarning.Kind.OTHER_SERIES), img.warnings().toString());
        assertEquals(12, ImageFormats.read(dir.resolve(".organ3d-partial-1.2.3")).volume().nz(),
                "a hidden folder given itself is read");
    }

    @Test
    void duplicatedPositionsAreDroppedWithAWarning() throws Exception {
        Path dir = tmp.resolve("dup");
        Fixtures.copyFolder("phantom-oblique", dir);
        Path first = files(dir).get(0);
        Files.copy(first, dir.resolve("copy_of_first.dcm"));
        LoadedImage img = ImageFormats.read(dir);
        assertEquals(12, img.volume().nz());
        List<ReadWarning> dup = img.warnings(Kind.DUPLICATE_SLICES);
        assertEquals(1, dup.size(), img.warnings().toString());
        assertTrue(dup.get(0).detail().contains("duplicate"), dup.toString());
        PhantomSeriesTest.assertPhantomVoxels(img.volume());
        assertThrows(StrictReadException.class, () -> ImageFormats.read(dir, ReadOptions.strict()));
    }

    /** One 2x2 slice at z with the given pixel representation, stored values and rescale. */
    private static void slice(Path file, String series, double z, boolean signed, int[] values, double slope,
            double intercept) throws Exception {
        Attributes ds = new Attributes();
        ds.setString(Tag.SOPClassUID, VR.UI, Uids.CT_IMAGE_STORAGE);
        ds.setString(Tag.SOPInstanceUID, VR.UI, Uids.random());
        ds.setString(Tag.Modality, VR.CS, "CT");
        ds.setString(Tag.SeriesInstanceUID, VR.UI, series);
        ds.setDecimal(Tag.ImagePositionPatient, 0, 0, z);
        ds.setDecimal(Tag.ImageOrientationPatient, 1, 0, 0, 0, 1, 0);
        ds.setDecimal(Tag.PixelSpacing, 1, 1);
        ds.setInt(Tag.SamplesPerPixel, VR.US, 1);
        ds.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        ds.setInt(Tag.Rows, VR.US, 2).setInt(Tag.Columns, VR.US, 2);
        ds.setInt(Tag.BitsAllocated, VR.US, 16).setInt(Tag.BitsStored, VR.US, 16).setInt(Tag.HighBit, VR.US, 15);
        ds.setInt(Tag.PixelRepresentation, VR.US, signed ? 1 : 0);
        ds.setDecimal(Tag.RescaleSlope, slope);
        ds.setDecimal(Tag.RescaleIntercept, intercept);
        byte[] px = new byte[8];
        for (int p = 0; p < 4; p++) {
            px[2 * p] = (byte) values[p];
            px[2 * p + 1] = (byte) (values[p] >> 8);
        }
        ds.setBytes(Tag.PixelData, VR.OW, px);
        DicomWriter.write(file, ds);
    }

    @Test
    void mixedPixelRepresentationsAndRescalesAcrossFiles() throws Exception {
        Path dir = tmp.resolve("mixedpx");
        String uid = Uids.random();
        slice(dir.resolve("b.dcm"), uid, 2, false, new int[] {0, 1, 60000, 65535}, 1, 0);
        slice(dir.resolve("a.dcm"), uid, 0, true, new int[] {-32768, -1, 0, 32767}, 1, 0);
        LoadedImage img = ImageFormats.read(dir);
        assertEquals(VoxelType.INT32, img.volume().type(), "signed and unsigned 16-bit need int32");
        assertEquals(-32768, img.volume().raw(0, 0, 0));
        assertEquals(32767, img.volume().raw(1, 1, 0));
        assertEquals(60000, img.volume().raw(0, 1, 1));
        assertEquals(65535, img.volume().raw(1, 1, 1));

        Path dir2 = tmp.resolve("rescales");
        String uid2 = Uids.random();
        slice(dir2.resolve("x.dcm"), uid2, 5, true, new int[] {1, 2, 3, 4}, 0.5, -10);
        slice(dir2.resolve("y.dcm"), uid2, 0, true, new int[] {1, 2, 3, 4}, 2, 100);
        LoadedImage r = ImageFormats.read(dir2);
        assertEquals(VoxelType.FLOAT32, r.volume().type());
        assertEquals(2 * 4 + 100, r.volume().value(1, 1, 0), 1e-6);
        assertEquals(0.5 * 4 - 10, r.volume().value(1, 1, 1), 1e-6);
        assertTrue(r.warningMessages().stream().anyMatch(w -> w.contains("rescale")), r.warningMessages().toString());
    }

    @Test
    void localizerWithAnotherOrientationIsSplitOff() throws Exception {
        Path dir = tmp.resolve("loc");
        SeriesInfo info = SeriesInfo.ct("L", "1", "with localizer");
        var axial = org.organ3d.volume.Volume.builder(new org.organ3d.volume.Dimensions(4, 4, 5), VoxelType.INT16,
                org.organ3d.volume.Geometry.axisAligned(new Spacing(1, 1, 2))).fillMissingWithZeros().build();
        DicomSeriesWriter.writeCtSeries(axial, dir.resolve("axial"), info);
        var sagittal = org.organ3d.volume.Volume.builder(new org.organ3d.volume.Dimensions(4, 4, 1), VoxelType.INT16,
                org.organ3d.volume.Geometry.of(new org.joml.Vector3d(1, 1, 1), new org.joml.Vector3d(),
                        new org.joml.Matrix3d(0, 1, 0, 0, 0, -1, 1, 0, 0))).fillMissingWithZeros().build();
        DicomSeriesWriter.writeCtSeries(sagittal, dir.resolve("localizer"), info);
        LoadedImage img = ImageFormats.read(dir);
        assertEquals(5, img.volume().nz());
        List<ReadWarning> mixed = img.warnings(Kind.MIXED_ORIENTATION);
        assertTrue(mixed.size() == 1 && mixed.get(0).detail().contains("2 stacks differing in orientation"), img.warnings().toString());
        assertThrows(StrictReadException.class, () -> ImageFormats.read(dir, ReadOptions.strict()));
    }

    @Test
    void missingSliceIsReported() throws Exception {
        Path dir = tmp.resolve("gap");
        Fixtures.copyFolder("phantom-axial", dir);
        // remove the slice at z = -50 + 2.5 * 20 = 0 (found by its position, not its name)
        for (Path p : files(dir)) {
            double z = DicomParser.readHeader(p).dataset().getDoubles(Tag.ImagePositionPatient)[2];
            if (Math.abs(z) < 1e-9) {
                Files.delete(p);
            }
        }
        LoadedImage img = ImageFormats.read(dir);
        assertEquals(39, img.volume().nz());
        assertTrue(img.warnings(Kind.UNEVEN_SPACING).get(0).detail().contains("non-uniform"), img.warnings().toString());
        assertTrue(img.warnings(Kind.MISSING_SLICES).get(0).detail().contains("missing slices: about 1"),
                img.warnings().toString());
        StrictReadException e = assertThrows(StrictReadException.class, () -> ImageFormats.read(dir, ReadOptions.strict()));
        Set<ReadWarning.Kind> kinds = e.refused().stream().map(ReadWarning::kind).collect(Collectors.toSet());
        assertTrue(kinds.containsAll(Set.of(Kind.UNEVEN_SPACING, Kind.MISSING_SLICES)), kinds.toString());
        assertTrue(e.getMessage().contains("missing slices"), e.getMessage());
        // the complete series passes a strict read without a warning
        LoadedImage complete = ImageFormats.read(Fixtures.path("phantom-axial"), ReadOptions.strict());
        assertEquals(40, complete.volume().nz());
        assertTrue(complete.warnings().isEmpty(), complete.warnings().toString());
    }
}
