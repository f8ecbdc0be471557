package org.organ3d.io.dicom.rtstruct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.io.ImageFormatException;
import org.organ3d.io.ImageFormats;
import org.organ3d.io.LoadedImage;
import org.organ3d.io.ReadOptions;
import org.organ3d.io.dicom.ClinicalPhantoms;
import org.organ3d.io.dicom.DicomParser;
import org.organ3d.io.dicom.ReferencedSeries;
import org.organ3d.io.dicom.WrittenInstance;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/** Label map → RTSTRUCT → label map: exact without simplification, hollow shapes stay hollow with it. */
class RtStructRoundTripTest {

    @TempDir
    Path tmp;

    /** Dice of label {@code l} between two maps. */
    static double dice(LabelMap a, LabelMap b, int l) {
        long both = 0;
        long na = 0;
        long nb = 0;
        Dimensions d = a.dimensions();
        for (int k = 0; k < d.nz(); k++) {
            for (int j = 0; j < d.ny(); j++) {
                for (int i = 0; i < d.nx(); i++) {
                    boolean x = a.label(i, j, k) == l;
                    boolean y = b.label(i, j, k) == l;
                    na += x ? 1 : 0;
                    nb += y ? 1 : 0;
                    both += x && y ? 1 : 0;
                }
            }
        }
        return 2.0 * both / (na + nb);
    }

    static long differences(LabelMap a, LabelMap b) {
        long diff = 0;
        Dimensions d = a.dimensions();
        for (int k = 0; k < d.nz(); k++) {
            for (int j = 0; j < d.ny(); j++) {
                for (int i = 0; i < d.nx(); i++) {
                    diff += a.label(i, j, k) != b.label(i, j, k) ? 1 : 0;
                }
            }
        }
        return diff;
    }

    private ContourRasterizer.Result roundTrip(Geometry g, RtStructWriter.Options o, Path file) throws Exception {
        ReferencedSeries ref = ClinicalPhantoms.ctSeries(tmp.resolve("ct"), ClinicalPhantoms.dims(), g);
        LabelMap map = ClinicalPhantoms.shapes(ClinicalPhantoms.dims(), g);
        WrittenInstance w = RtStructWriter.write(map, ref, o, file);
        assertEquals(4, w.items());
        RtStructureSet set = RtStructReader.read(file);
        assertTrue(set.warnings().isEmpty(), set.warnings().toString());
        assertEquals(ref.seriesInstanceUID(), set.referencedSeriesUID());
        assertEquals(ref.frameOfReferenceUID(), set.frameOfReferenceUID());
        assertEquals(List.of(1, 2, 5, 9), set.rois().stream().map(RtRoi::number).toList());
        assertEquals("ring (Ørsted)", set.roi(2).orElseThrow().name());
        assertEquals(0x40dd40ff, set.roi(2).orElseThrow().rgba());
        return ContourRasterizer.rasterize(set, ref);
    }

    @Test
    void withoutSimplificationTheRoundTripIsVoxelIdentical() throws Exception {
        for (Geometry g : List.of(ClinicalPhantoms.axial(), ClinicalPhantoms.oblique())) {
            Path f = tmp.resolve("rt" + g.hashCode() + ".dcm");
            ContourRasterizer.Result r = roundTrip(g, RtStructWriter.Options.defaults(), f);
            LabelMap map = ClinicalPhantoms.shapes(ClinicalPhantoms.dims(), g);
            assertTrue(r.warnings().isEmpty(), r.warnings().toString());
            assertEquals(0, differences(map, r.labels()), "voxels differ on " + g);
            assertEquals("hollow ball", r.labels().info().get(ClinicalPhantoms.HOLLOW).name());
        }
    }

    @Test
    void simplifiedContoursKeepHolesWithDiceOver097() throws Exception {
        Geometry g = ClinicalPhantoms.axial();
        ContourRasterizer.Result r = roundTrip(g, RtStructWriter.Options.defaults().withMaxDeviation(0.4),
                tmp.resolve("rt.dcm"));
        LabelMap map = ClinicalPhantoms.shapes(ClinicalPhantoms.dims(), g);
        for (int l : new int[] {ClinicalPhantoms.BALL, ClinicalPhantoms.RING, ClinicalPhantoms.HOLLOW}) {
            double d = dice(map, r.labels(), l);
            assertTrue(d >= 0.97, "label " + l + " Dice " + d);
        }
        Dimensions d = ClinicalPhantoms.dims();
        int cz = (int) (d.nz() * 0.5);
        assertEquals(0, r.labels().label((int) (d.nx() * 0.7), (int) (d.ny() * 0.3), cz), "the ring's hole");
        assertEquals(0, r.labels().label((int) (d.nx() * 0.6), (int) (d.ny() * 0.7), cz), "the hollow ball's cavity");
        assertEquals(ClinicalPhantoms.HOLLOW, r.labels().label((int) (d.nx() * 0.6) + 7, (int) (d.ny() * 0.7), cz));
    }

    @Test
    void holesRunTheOtherWayAndASingleVoxelIsAFourPointContour() throws Exception {
        Geometry g = ClinicalPhantoms.axial();
        ReferencedSeries ref = ClinicalPhantoms.ctSeries(tmp.resolve("ct"), ClinicalPhantoms.dims(), g);
        Path f = tmp.resolve("rt.dcm");
        RtStructWriter.write(ClinicalPhantoms.shapes(ClinicalPhantoms.dims(), g), ref, RtStructWriter.Options.defaults(), f);
        RtStructureSet set = RtStructReader.read(f);
        List<RtContour> speck = set.roi(ClinicalPhantoms.SPECK).orElseThrow().contours();
        assertEquals(1, speck.size());
        assertEquals(4, speck.get(0).size());
        // the ring's middle slice: an outline and a hole, of opposite signed area
        double z = ref.slicePosition(12)[2];
        List<RtContour> ring = set.roi(ClinicalPhantoms.RING).orElseThrow().contours().stream()
                .filter(c -> Math.abs(c.points()[2] - z) < 1e-6).toList();
        assertEquals(2, ring.size());
        assertTrue(signedArea(ring.get(0)) * signedArea(ring.get(1)) < 0, "orientations");
        for (RtRoi r : set.rois()) {
            for (RtContour c : r.contours()) {
                assertTrue(c.size() >= 4, "ROI " + r.number() + " contour of " + c.size() + " points");
            }
        }
    }

    static double signedArea(RtContour c) {
        double[] p = c.points();
        double a = 0;
        int n = c.size();
        for (int q = 0; q < n; q++) {
            int r = (q + 1) % n;
            a += p[3 * q] * p[3 * r + 1] - p[3 * r] * p[3 * q + 1];
        }
        return a / 2;
    }

    @Test
    void imageFormatsFindsTheSeriesBesideTheFileOrSaysToGiveIt() throws Exception {
        Geometry g = ClinicalPhantoms.axial();
        ReferencedSeries ref = ClinicalPhantoms.ctSeries(tmp.resolve("study/ct"), ClinicalPhantoms.dims(), g);
        LabelMap map = ClinicalPhantoms.shapes(ClinicalPhantoms.dims(), g);
        Path f = tmp.resolve("study/rtstruct.dcm");
        RtStructWriter.write(map, ref, RtStructWriter.Options.defaults(), f);
        LoadedImage img = ImageFormats.read(f);
        assertEquals("dicom-rtstruct", img.format());
        assertTrue(img.warnings().isEmpty(), img.warnings().toString());
        assertEquals(0, differences(map, img.asLabelMap()));
        Path alone = tmp.resolve("alone/rtstruct.dcm");
        Files.createDirectories(alone.getParent());
        Files.copy(f, alone);
        ImageFormatException e = assertThrows(ImageFormatException.class, () -> ImageFormats.read(alone));
        assertTrue(e.getMessage().contains("rtstruct.dcm") && e.getMessage().contains("give the image series"), e.getMessage());
        LoadedImage withRef = ImageFormats.read(alone, ReadOptions.builder().reference(tmp.resolve("study/ct")).build());
        assertEquals(0, differences(map, withRef.asLabelMap()));
    }

    @Test
    void aContourTooLongForExplicitVrIsWrittenInImplicitVr() throws Exception {
        // a comb 1400 voxels wide: one contour of about 5600 points, more than a DS value holds in explicit VR
        Dimensions d = new Dimensions(1404, 8, 2);
        Geometry g = ClinicalPhantoms.axial();
        ReferencedSeries ref = ClinicalPhantoms.ctSeries(tmp.resolve("ct"), d, g);
        Volume.Builder b = LabelMap.builder(d, VoxelType.UINT8, g);
        java.nio.ByteBuffer s = b.bytesForWriting(0);
        for (int i = 1; i < 1403; i++) {
            s.put(2 * d.nx() + i, (byte) 1);
            if (i % 2 == 1) {
                s.put(3 * d.nx() + i, (byte) 1);
                s.put(4 * d.nx() + i, (byte) 1);
            }
        }
        b.sliceForWriting(1);
        LabelMap map = new LabelMap(b.build(), Map.of());
        Path f = tmp.resolve("comb.dcm");
        RtStructWriter.write(map, ref, RtStructWriter.Options.defaults(), f);
        assertEquals("1.2.840.10008.1.2", DicomParser.read(f).transferSyntax().uid());
        assertEquals(0, differences(map, ContourRasterizer.rasterize(RtStructReader.read(f), ref).labels()));
    }
}
