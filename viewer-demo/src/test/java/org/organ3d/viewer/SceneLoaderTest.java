package org.organ3d.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.io.ImageFormats;
import org.organ3d.io.dicom.DicomSeriesWriter;
import org.organ3d.io.dicom.SeriesInfo;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.Rescale;
import org.organ3d.volume.Spacing;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/** How inputs are taken (image, label map, surface), and the defects of the first viewer, each as a test. */
class SceneLoaderTest {

    @TempDir
    Path dir;

    static final SceneLoader.Progress QUIET = (s, f) -> { };

    /** An MR-like uint8 volume: a bright smooth ball with noise, 200+ distinct values (like ch2.nii.gz). */
    static Volume mrLike() {
        Random rnd = new Random(7);
        Volume.Builder b = Volume.builder(new Dimensions(48, 48, 24), VoxelType.UINT8, Geometry.axisAligned(new Spacing(1, 1, 2)));
        for (int k = 0; k < 24; k++) {
            byte[] s = new byte[48 * 48];
            for (int j = 0; j < 48; j++) {
                for (int i = 0; i < 48; i++) {
                    double r = Math.sqrt((i - 24) * (i - 24) + (j - 24) * (j - 24) + 4.0 * (k - 12) * (k - 12));
                    double v = 200 * Math.exp(-r * r / 300) + 20 + 12 * rnd.nextGaussian();
                    s[j * 48 + i] = (byte) Math.max(0, Math.min(255, Math.round(v)));
                }
            }
            b.setSlice(k, s);
        }
        return b.build();
    }

    /** A label map without names: label 1 a block, label 2 another. */
    static Volume blocks() {
        Volume.Builder b = Volume.builder(new Dimensions(32, 32, 16), VoxelType.UINT8, Geometry.axisAligned(new Spacing(1, 1, 1)));
        for (int k = 0; k < 16; k++) {
            byte[] s = new byte[32 * 32];
            for (int j = 4; j < 28; j++) {
                for (int i = 4; i < 28; i++) {
                    s[j * 32 + i] = (byte) (k > 2 && k < 13 ? (i < 16 ? 1 : 2) : 0);
                }
            }
            b.setSlice(k, s);
        }
        return b.build();
    }

    @Test
    void anMrWithoutIsoIsShownAsAnImageNotAsHundredsOfLabels() throws IOException {
        Path mr = dir.resolve("mr.nii.gz");
        ImageFormats.write(mr, mrLike(), Map.of());
        LoadedScene s = SceneLoader.load(ViewerOptions.builder(List.of(mr)).build(), QUIET);
        assertTrue(s.objects().isEmpty(), "no surfaces: " + s.objects().size());
        assertNotNull(s.slices());
        assertNotNull(s.slices().image());
        assertNull(s.slices().labels());
        assertTrue(s.notes().stream().anyMatch(n -> n.contains("mr.nii.gz is shown as an image")), s.notes().toString());
        assertEquals(1, s.reference().inputs().size(), "a NIfTI input is referenced by its digest");
        assertEquals(StudyReferenceDigest.of(mr), s.reference().inputs().get(0).sha256());
    }

    @Test
    void aLabelMapWithoutNamesIsStillRecognised() throws IOException {
        Path seg = dir.resolve("seg.nii.gz");
        ImageFormats.write(seg, blocks(), Map.of());
        LoadedScene s = SceneLoader.load(ViewerOptions.builder(List.of(seg)).build(), QUIET);
        assertEquals(List.of("label 1", "label 2"), s.objects().stream().map(SceneObject::name).sorted().toList());
        assertNotNull(s.slices().labels());
        assertTrue(s.objects().stream().allMatch(SceneObject::fromLabelMap));
    }

    @Test
    void anIsoLevelOutsideTheValuesIsRefusedNotAnEmptyPicture() throws IOException {
        Path mr = dir.resolve("mr.nii.gz");
        ImageFormats.write(mr, mrLike(), Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SceneLoader.load(ViewerOptions.builder(List.of(mr)).iso(5000.0).backend("java").build(), QUIET));
        Volume v = mrLike();
        double max = 0;
        for (int k = 0; k < v.nz(); k++) {
            for (float x : v.sliceValues(k, null)) {
                max = Math.max(max, x);
            }
        }
        assertEquals("--iso 5000 is outside the values of mr.nii.gz (0 .. " + (long) max + "): the isosurface would be empty",
                e.getMessage());
        assertEquals(1, SceneLoader.load(ViewerOptions.builder(List.of(mr)).iso(100.0).backend("java").build(), QUIET)
                .objects().size());
    }

    @Test
    void anUnknownOpacityNameIsAnErrorListingTheOrgans() throws IOException {
        Path seg = dir.resolve("seg.nii.gz");
        ImageFormats.write(seg, blocks(), Map.of());
        ViewerOptions o = ViewerOptions.builder(List.of(seg)).opacity(Map.of("livr", 0.3f)).build();
        LoadedScene s = SceneLoader.load(o, QUIET);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> o.applyOpacity(s.objects()));
        assertEquals("--opacity names no organ on display: livr (organs: label 1, label 2)", e.getMessage());
        ViewerOptions.builder(List.of(seg)).opacity(Map.of("LABEL 2", 0.3f)).build().applyOpacity(s.objects());
        assertEquals(0.3f, s.objects().stream().filter(x -> x.name().equals("label 2")).findFirst().orElseThrow().opacity());
    }

    @Test
    void aMissingInputFailsBeforeAnythingStartsNamingTheFile() throws IOException {
        Path missing = dir.resolve("nowhere.nii.gz");
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> SceneLoader.checkInputs(ViewerOptions.builder(List.of(missing)).build()));
        assertEquals(missing.toString(), e.getFile());
        assertThrows(NoSuchFileException.class, () -> SceneLoader.checkInputs(ViewerOptions.builder(List.of())
                .labels(missing).build()), "a missing labels file too");
        Path file = dir.resolve("one.nii");
        Files.writeString(file, "x");
        assertThrows(IllegalArgumentException.class, () -> SceneLoader.checkInputs(ViewerOptions.builder(List.of(file))
                .series("1.2.3").build()), "--series needs a folder");
    }

    @Test
    void aFolderWithTwoSeriesSaysWhichWasReadAndSeriesPicksTheOther() throws IOException {
        Volume big = mrLike();
        Volume small = Volume.builder(new Dimensions(48, 48, 6), VoxelType.INT16, Geometry.axisAligned(new Spacing(1, 1, 2)))
                .rescale(new Rescale(1, -1024)).fillMissingWithZeros().build();
        SeriesInfo a = new SeriesInfo("Test^A", "T1", "1.2.826.0.1.3680043.2.1125.1", "1.2.826.0.1.3680043.2.1125.1.1",
                "1.2.826.0.1.3680043.2.1125.1.9", "MR", "big series", "test study", 1);
        SeriesInfo b = new SeriesInfo("Test^A", "T1", "1.2.826.0.1.3680043.2.1125.1", "1.2.826.0.1.3680043.2.1125.1.2",
                "1.2.826.0.1.3680043.2.1125.1.9", "MR", "small series", "test study", 2);
        DicomSeriesWriter.writeCtSeries(big.withRescale(new Rescale(1, 0)), dir.resolve("study/a"), a);
        DicomSeriesWriter.writeCtSeries(small, dir.resolve("study/b"), b);
        LoadedScene s = SceneLoader.load(ViewerOptions.builder(List.of(dir.resolve("study"))).build(), QUIET);
        assertEquals(24, s.slices().image().nz(), "the largest series");
        assertTrue(s.notes().stream().anyMatch(n -> n.contains("reading series 1.2.826.0.1.3680043.2.1125.1.1 (big series)")),
                s.notes().toString());
        assertTrue(s.notes().stream().anyMatch(n -> n.contains("2 series")), "and that there was another: " + s.notes());
        assertEquals("1.2.826.0.1.3680043.2.1125.1.9", s.reference().frameOfReferenceUID());
        assertEquals("1.2.826.0.1.3680043.2.1125.1", s.reference().studyInstanceUID());
        LoadedScene other = SceneLoader.load(ViewerOptions.builder(List.of(dir.resolve("study")))
                .series("1.2.826.0.1.3680043.2.1125.1.2").build(), QUIET);
        assertEquals(6, other.slices().image().nz(), "--series picks the other one");
    }

    @Test
    void aColourTableNamesTheLabels() throws IOException {
        Path seg = dir.resolve("seg.nii.gz");
        ImageFormats.write(seg, blocks(), Map.of());
        Path ctbl = dir.resolve("names.ctbl");
        Files.writeString(ctbl, "0 Background 0 0 0 0\n1 right_kidney 200 100 90 255\n2 spleen 150 60 140 255\n");
        LoadedScene s = SceneLoader.load(ViewerOptions.builder(List.of()).labels(seg).colourTable(ctbl).build(), QUIET);
        assertEquals(List.of("right kidney", "spleen"), s.objects().stream().map(SceneObject::name).sorted().toList());
        SceneObject spleen = s.objects().stream().filter(o -> o.name().equals("spleen")).findFirst().orElseThrow();
        assertEquals(150 / 255f, spleen.rgba()[0], 1e-6);
        assertEquals("spleen", s.slices().labelName(2), "the slice views' read-out uses the same names");
    }

    /** The SHA-256 of a file, computed here with the JDK independently of StudyReference. */
    static final class StudyReferenceDigest {
        static String of(Path f) throws IOException {
            try {
                return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(Files.readAllBytes(f)));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void aDicomSegOnItsSeriesNamesTheOrgans() throws IOException {
        Volume ct = blocks().withRescale(new Rescale(1, -1024));
        SeriesInfo info = new SeriesInfo("Test^Seg", "T2", "1.2.826.0.1.3680043.2.1125.7", "1.2.826.0.1.3680043.2.1125.7.1",
                "1.2.826.0.1.3680043.2.1125.7.9", "CT", "ct", "seg study", 1);
        Path series = dir.resolve("series");
        DicomSeriesWriter.writeCtSeries(ct, series, info);
        org.organ3d.volume.LabelMap map = new org.organ3d.volume.LabelMap(blocks(), Map.of(
                1, new org.organ3d.volume.LabelInfo(1, "right kidney", 0xb9665aff),
                2, new org.organ3d.volume.LabelInfo(2, "spleen", 0x9d6c8cff)));
        Path seg = dir.resolve("seg.dcm");
        org.organ3d.io.dicom.seg.SegWriter.write(map, org.organ3d.io.dicom.ReferencedSeries.read(series),
                org.organ3d.io.dicom.seg.SegWriter.Options.binary(), seg);
        LoadedScene s = SceneLoader.load(ViewerOptions.builder(List.of(series)).labels(seg).build(), QUIET);
        assertEquals(List.of("right kidney", "spleen"), s.objects().stream().map(SceneObject::name).sorted().toList());
        assertEquals("spleen", s.slices().labelName(2));
        assertEquals("1.2.826.0.1.3680043.2.1125.7.9", s.reference().frameOfReferenceUID());
    }

    @Test
    void anRtstructOrSegGivenWithItsCtLiesOnTheCtGrid() throws IOException {
        Volume ct = mrLike();
        Path ctDir = dir.resolve("ct");
        DicomSeriesWriter.writeCtSeries(ct, ctDir, SeriesInfo.ct("View^Clinical", "V1", "ct"));
        org.organ3d.io.dicom.ReferencedSeries ref = org.organ3d.io.dicom.ReferencedSeries.read(ctDir);
        Volume.Builder b = Volume.builder(ct.dimensions(), VoxelType.UINT8, ref.geometry());
        for (int k = 0; k < ct.nz(); k++) {
            byte[] s = new byte[48 * 48];
            for (int p = 0; p < s.length; p++) {
                s[p] = (byte) (k > 6 && k < 18 && p % 48 > 10 && p % 48 < 30 && p / 48 > 12 && p / 48 < 36 ? 3 : 0);
            }
            b.setSlice(k, s);
        }
        org.organ3d.volume.LabelMap labels = new org.organ3d.volume.LabelMap(b.build(), Map.of());
        Path elsewhere = dir.resolve("elsewhere");
        Files.createDirectories(elsewhere);
        Path rt = elsewhere.resolve("rtstruct.dcm");
        org.organ3d.io.dicom.rtstruct.RtStructWriter.write(labels, ref,
                org.organ3d.io.dicom.rtstruct.RtStructWriter.Options.defaults(), rt);
        LoadedScene s = SceneLoader.load(ViewerOptions.builder(List.of(ctDir)).labels(rt).backend("java").build(), QUIET);
        assertEquals(1, s.objects().size(), s.notes().toString());
        assertEquals(labels.counts().get(3).longValue(), s.slices().labels().counts().get(3).longValue());
    }
}
