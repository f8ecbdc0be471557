package org.organ3d.io.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.io.ImageFormatException;
import org.organ3d.io.ImageFormats;
import org.organ3d.io.LoadedImage;
import org.organ3d.io.ReadOptions;
import org.organ3d.io.StrictReadException;
import org.organ3d.io.dicom.rtstruct.ContourRasterizer;
import org.organ3d.io.dicom.rtstruct.RtStructReader;
import org.organ3d.io.dicom.rtstruct.RtStructWriter;
import org.organ3d.io.dicom.seg.SegReader;
import org.organ3d.io.dicom.seg.SegWriter;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * The series a derived object cites: the same grid as the image reader's, the instance and frame
 * behind every slice (an enhanced multi-frame CT cites frames), and what a strict read refuses.
 */
class ReferencedSeriesTest {

    @TempDir
    Path tmp;

    @Test
    void anEnhancedMultiFrameCtIsCitedFrameByFrame() throws Exception {
        Path ct = Fixtures.path("enhanced/enhanced_ct.dcm");
        ReferencedSeries ref = ReferencedSeries.read(ct);
        LoadedImage img = ImageFormats.read(ct);
        assertEquals(img.volume().dimensions(), ref.dimensions());
        assertTrue(img.volume().geometry().equalsWithin(ref.geometry(), 1e-9));
        Set<Integer> frames = new HashSet<>();
        for (ReferencedSeries.Instance in : ref.slices()) {
            assertEquals(Uids.ENHANCED_CT_IMAGE_STORAGE, in.sopClassUID());
            assertEquals(ref.slice(0).sopInstanceUID(), in.sopInstanceUID());
            frames.add(in.frameNumber());
        }
        assertEquals(Set.of(1, 2, 3, 4, 5, 6), frames);
        Volume.Builder b = LabelMap.builder(ref.dimensions(), VoxelType.UINT8, ref.geometry());
        for (int k = 0; k < ref.dimensions().nz(); k++) {
            java.nio.ByteBuffer s = b.bytesForWriting(k);
            for (int p = 0; p < s.capacity(); p++) {
                s.put(p, (byte) (k >= 1 && k <= 4 && p % 7 < 3 ? 2 : 0));
            }
        }
        LabelMap map = new LabelMap(b.build(), Map.of());
        Path seg = tmp.resolve("seg.dcm");
        SegWriter.write(map, ref, SegWriter.Options.binary(), seg);
        assertEquals(List.of(), ClinicalPhantoms.dciodvfy(seg).get(0));
        Attributes first = DicomParser.read(seg).dataset().getSequence(Tag.PerFrameFunctionalGroupsSequence).get(0)
                .getItem(Tag.DerivationImageSequence).getItem(Tag.SourceImageSequence);
        assertTrue(first.getInt(Tag.ReferencedFrameNumber, 0) >= 1, first.toString());
        assertEquals(map.counts(), SegReader.readOnto(seg, ref).labels().counts());
        Path rt = tmp.resolve("rt.dcm");
        RtStructWriter.write(map, ref, RtStructWriter.Options.defaults(), rt);
        assertEquals(List.of(), ClinicalPhantoms.dciodvfy(rt).get(0));
        assertEquals(map.counts(), ContourRasterizer.rasterize(RtStructReader.read(rt), ref).labels().counts());
    }

    @Test
    void strictReadingRefusesASegWithoutItsSeries() throws Exception {
        ReferencedSeries ref = ClinicalPhantoms.ctSeries(tmp.resolve("ct"), ClinicalPhantoms.dims(), ClinicalPhantoms.axial());
        Path seg = tmp.resolve("alone/seg.dcm");
        SegWriter.write(ClinicalPhantoms.shapes(ClinicalPhantoms.dims(), ClinicalPhantoms.axial()), ref,
                SegWriter.Options.binary(), seg);
        assertEquals("own", ImageFormats.read(seg).attributes().get("grid"));
        StrictReadException e = assertThrows(StrictReadException.class, () -> ImageFormats.read(seg, ReadOptions.strict()));
        assertTrue(e.getMessage().contains("own frame grid"), e.getMessage());
        LoadedImage ok = ImageFormats.read(seg, ReadOptions.strict().toBuilder().reference(tmp.resolve("ct")).build());
        assertEquals("referenced", ok.attributes().get("grid"));
    }

    @Test
    void aFolderWithoutImagesIsATypedError() throws Exception {
        java.nio.file.Files.createDirectories(tmp.resolve("empty"));
        java.nio.file.Files.writeString(tmp.resolve("empty/readme.txt"), "not DICOM");
        ImageFormatException e = assertThrows(ImageFormatException.class, () -> ReferencedSeries.read(tmp.resolve("empty")));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }
}
