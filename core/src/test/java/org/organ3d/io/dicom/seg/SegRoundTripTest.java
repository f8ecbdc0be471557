package org.organ3d.io.dicom.seg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.joml.Matrix4d;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.io.ImageFormats;
import org.organ3d.io.LoadedImage;
import org.organ3d.io.dicom.ClinicalPhantoms;
import org.organ3d.io.dicom.ReferencedSeries;
import org.organ3d.io.dicom.Uids;
import org.organ3d.io.dicom.WrittenInstance;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.LabelInfo;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/** Label map → SEG → label map: voxel-identical, on the referenced grid and on the SEG's own grid. */
class SegRoundTripTest {

    @TempDir
    Path tmp;

    static long differences(LabelMap a, LabelMap b) {
        Dimensions d = a.dimensions();
        assertEquals(d, b.dimensions());
        long diff = 0;
        for (int k = 0; k < d.nz(); k++) {
            for (int j = 0; j < d.ny(); j++) {
                for (int i = 0; i < d.nx(); i++) {
                    if (a.label(i, j, k) != b.label(i, j, k)) {
                        diff++;
                    }
                }
            }
        }
        return diff;
    }

    /** Frames a binary SEG needs: one per label and slice holding it. */
    static int expectedFrames(LabelMap m) {
        int n = 0;
        Dimensions d = m.dimensions();
        for (int k = 0; k < d.nz(); k++) {
            java.util.Set<Integer> s = new java.util.HashSet<>();
            for (int j = 0; j < d.ny(); j++) {
                for (int i = 0; i < d.nx(); i++) {
                    if (m.label(i, j, k) != 0) {
                        s.add(m.label(i, j, k));
                    }
                }
            }
            n += s.size();
        }
        return n;
    }

    private void roundTrip(Geometry g, SegWriter.Options options) throws Exception {
        ReferencedSeries ref = ClinicalPhantoms.ctSeries(tmp.resolve("ct"), ClinicalPhantoms.dims(), g);
        LabelMap map = ClinicalPhantoms.shapes(ClinicalPhantoms.dims(), g);
        Path file = tmp.resolve("seg.dcm");
        WrittenInstance w = SegWriter.write(map, ref, options, file);
        assertEquals(4, w.items());
        assertEquals(options.type() == SegWriter.Type.BINARY ? expectedFrames(map) : 20, w.frames());
        assertEquals(options.type() == SegWriter.Type.BINARY ? Uids.SEGMENTATION_STORAGE : Uids.LABEL_MAP_SEGMENTATION_STORAGE,
                w.sopClassUID());
        assertEquals(ref.studyInstanceUID(), w.studyInstanceUID());
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(2, s.count(), "no temporary file left");
        }
        Segmentation back = SegReader.readOnto(file, ref);
        assertTrue(back.onReferencedGrid());
        assertTrue(back.warnings().isEmpty(), back.warnings().toString());
        assertEquals(0, differences(map, back.labels()), "voxels differ");
        assertTrue(g.equalsWithin(back.labels().geometry(), 1e-9));
        assertEquals(map.counts(), back.labels().counts());
        assertEquals(ref.seriesInstanceUID(), back.referencedSeriesUID());
        assertEquals(w.sopInstanceUID(), back.sopInstanceUID());
        Map<Integer, LabelInfo> info = back.labels().info();
        assertEquals("ball", info.get(ClinicalPhantoms.BALL).name());
        assertEquals(0xdd4040ff, info.get(ClinicalPhantoms.BALL).rgba(), "colour through CIELab");
        assertEquals("ring (Ørsted)", info.get(ClinicalPhantoms.RING).name(), "UTF-8 names");
        assertEquals("label 9", info.get(ClinicalPhantoms.SPECK).name(), "default name");
    }

    @Test
    void binarySegOnAnAxialGridIsVoxelIdentical() throws Exception {
        roundTrip(ClinicalPhantoms.axial(), SegWriter.Options.binary());
    }

    @Test
    void binarySegOnAnObliqueGridIsVoxelIdentical() throws Exception {
        roundTrip(ClinicalPhantoms.oblique(), SegWriter.Options.binary());
    }

    @Test
    void labelMapSegIsVoxelIdentical() throws Exception {
        roundTrip(ClinicalPhantoms.axial(), SegWriter.Options.labelMap());
    }

    @Test
    void sixteenBitLabelValuesSurviveBothTypes() throws Exception {
        Geometry g = ClinicalPhantoms.axial();
        Dimensions d = new Dimensions(20, 18, 6);
        ReferencedSeries ref = ClinicalPhantoms.ctSeries(tmp.resolve("ct"), d, g);
        Volume.Builder b = LabelMap.builder(d, VoxelType.UINT16, g);
        for (int k = 0; k < 6; k++) {
            ShortBuffer s = b.shortsForWriting(k);
            for (int p = 0; p < s.capacity(); p++) {
                s.put(p, (short) (k == 3 ? 0 : p % 7 == 0 ? 300 : p % 11 == 0 ? 65535 : p % 5 == 0 ? 2 : 0));
            }
        }
        LabelMap map = new LabelMap(b.build(), Map.of());
        for (SegWriter.Options o : List.of(SegWriter.Options.binary(), SegWriter.Options.labelMap())) {
            Path f = tmp.resolve(o.type() + ".dcm");
            SegWriter.write(map, ref, o, f);
            Segmentation back = SegReader.readOnto(f, ref);
            assertEquals(0, differences(map, back.labels()), o.type() + ": voxels differ");
            assertEquals(VoxelType.UINT16, back.labels().labels().type());
            assertEquals(o.type() == SegWriter.Type.BINARY ? List.of(1, 2, 3) : List.of(2, 300, 65535),
                    back.segments().stream().map(Segment::number).toList(), "segment numbers");
            assertEquals(List.of(2, 300, 65535), back.segments().stream().map(Segment::labelValue).toList());
        }
    }

    @Test
    void theReferencedSeriesIsFoundBesideTheFileAndImageFormatsReadsIt() throws Exception {
        Geometry g = ClinicalPhantoms.axial();
        ReferencedSeries ref = ClinicalPhantoms.ctSeries(tmp.resolve("study/ct"), ClinicalPhantoms.dims(), g);
        LabelMap map = ClinicalPhantoms.shapes(ClinicalPhantoms.dims(), g);
        Path file = tmp.resolve("study/seg.dcm");
        SegWriter.write(map, ref, SegWriter.Options.binary(), file);
        LoadedImage img = ImageFormats.read(file);
        assertEquals("dicom-seg", img.format());
        assertEquals("referenced", img.attributes().get("grid"));
        assertEquals("4", img.attributes().get("segments"));
        assertEquals(ref.seriesInstanceUID(), img.attributes().get("referencedSeriesInstanceUID"));
        assertTrue(img.warnings().isEmpty(), img.warnings().toString());
        assertEquals(0, differences(map, img.asLabelMap()));
        LoadedImage ct = ImageFormats.read(tmp.resolve("study"));
        assertEquals(ref.seriesInstanceUID(), ct.attributes().get("seriesInstanceUID"), "the SEG beside the CT is no image");
        assertTrue(ct.warnings().stream().anyMatch(w -> w.detail().contains("a segmentation")), ct.warnings().toString());
    }

    @Test
    void withoutTheSeriesTheSegBuildsItsOwnGridOfTheSlicesWithSegments() throws Exception {
        Geometry g = ClinicalPhantoms.oblique();
        ReferencedSeries ref = ClinicalPhantoms.ctSeries(tmp.resolve("ct"), ClinicalPhantoms.dims(), g);
        LabelMap map = ClinicalPhantoms.shapes(ClinicalPhantoms.dims(), g);
        Path file = tmp.resolve("seg.dcm");
        SegWriter.write(map, ref, SegWriter.Options.binary(), file);
        Segmentation own = SegReader.readOnto(file, null);
        assertFalse(own.onReferencedGrid());
        assertTrue(own.warnings().get(0).detail().contains("own frame grid"), own.warnings().toString());
        // slices 2..21 hold labels: the own grid starts at slice 2 of the series
        assertEquals(new Dimensions(64, 56, 20), own.labels().dimensions());
        Matrix4d expected = g.indexToLps().translate(0, 0, 2);
        assertTrue(Geometry.fromAffine(expected).equalsWithin(own.labels().geometry(), 1e-6),
                own.labels().geometry().toString());
        for (int k = 0; k < 20; k++) {
            for (int j = 0; j < 56; j++) {
                for (int i = 0; i < 64; i++) {
                    assertEquals(map.label(i, j, k + 2), own.labels().label(i, j, k));
                }
            }
        }
    }

    @Test
    void aLabelMapInAnotherAxisOrderIsWrittenOnTheSeriesGrid() throws Exception {
        Geometry g = ClinicalPhantoms.axial();
        Dimensions d = ClinicalPhantoms.dims();
        ReferencedSeries ref = ClinicalPhantoms.ctSeries(tmp.resolve("ct"), d, g);
        LabelMap map = ClinicalPhantoms.shapes(d, g);
        // the same voxels with the k axis reversed (as a writer that stores slices top-down would)
        Matrix4d flipped = g.indexToLps().translate(0, 0, d.nz() - 1).scale(1, 1, -1);
        Volume.Builder b = LabelMap.builder(d, VoxelType.UINT8, Geometry.fromAffine(flipped));
        for (int k = 0; k < d.nz(); k++) {
            ByteBuffer s = b.bytesForWriting(k);
            for (int j = 0; j < d.ny(); j++) {
                for (int i = 0; i < d.nx(); i++) {
                    s.put(j * d.nx() + i, (byte) ((byte) map.label(i, j, d.nz() - 1 - k)));
                }
            }
        }
        Path file = tmp.resolve("seg.dcm");
        SegWriter.write(new LabelMap(b.build(), map.info()), ref, SegWriter.Options.binary(), file);
        assertEquals(0, differences(map, SegReader.readOnto(file, ref).labels()));
    }
}
