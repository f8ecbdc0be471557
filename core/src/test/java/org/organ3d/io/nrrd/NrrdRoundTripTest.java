package org.organ3d.io.nrrd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.organ3d.io.ImageFormatException;
import org.organ3d.io.ImageFormats;
import org.organ3d.io.LoadedImage;
import org.organ3d.io.raw.TestVolumes;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.LabelInfo;
import org.organ3d.volume.Rescale;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

class NrrdRoundTripTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(VoxelType.class)
    void everyTypeRoundTripsExactly(VoxelType t) throws Exception {
        Volume v = TestVolumes.random(new Dimensions(12, 10, 6), t, t.ordinal() % 2 == 0 ? TestVolumes.oblique() : TestVolumes.sheared(), t.ordinal());
        for (String ext : new String[] {".nrrd", ".nhdr"}) {
            Path f = dir.resolve("rt_" + t.label() + ext);
            ImageFormats.write(f, v, Map.of());
            LoadedImage back = ImageFormats.read(f);
            TestVolumes.assertSame(v, back.volume(), 1e-12);
            assertTrue(back.warnings().isEmpty(), back.warnings().toString());
        }
        assertTrue(Files.exists(dir.resolve("rt_" + t.label() + ".raw")), "detached data file beside the .nhdr");
    }

    @Test
    void rescaledVolumesKeepTheirRealValues() throws Exception {
        Volume v = TestVolumes.random(new Dimensions(8, 7, 3), VoxelType.UINT16, TestVolumes.oblique(), 9)
                .withRescale(new Rescale(1, -1024));
        Path f = dir.resolve("ct.nrrd");
        ImageFormats.write(f, v, Map.of());
        Volume back = ImageFormats.read(f).volume();
        assertEquals(VoxelType.INT32, back.type(), "uint16 - 1024 does not fit int16");
        for (int k = 0; k < 3; k++) {
            for (int j = 0; j < 7; j++) {
                for (int i = 0; i < 8; i++) {
                    assertEquals(v.value(i, j, k), back.value(i, j, k), 0);
                }
            }
        }
        Volume s = TestVolumes.random(new Dimensions(8, 7, 3), VoxelType.INT16, TestVolumes.oblique(), 9)
                .withRescale(new Rescale(0.25, 3.5));
        ImageFormats.write(f, s, Map.of());
        Volume sb = ImageFormats.read(f).volume();
        assertEquals(VoxelType.FLOAT32, sb.type());
        assertEquals(s.value(3, 2, 1), sb.value(3, 2, 1), 1e-3);
    }

    @Test
    void segNrrdRoundTripsLabelsNamesAndColours() throws Exception {
        Volume.Builder b = Volume.builder(new Dimensions(10, 9, 8), VoxelType.UINT8, TestVolumes.oblique());
        for (int k = 0; k < 8; k++) {
            ByteBuffer s = b.bytesForWriting(k);
            for (int x = 0; x < s.capacity(); x++) {
                s.put(x, (byte) ((byte) ((x + k) % 4 == 0 ? 3 : (x % 7 == 0 ? 1 : 0))));
            }
        }
        Volume v = b.build();
        Map<Integer, LabelInfo> labels = Map.of(1, new LabelInfo(1, "liver", 0xdd8265ff), 3, new LabelInfo(3, "left kidney", 0x1e90ffff),
                4, new LabelInfo(4, "absent organ", 0x112233ff));
        Path f = dir.resolve("labels.seg.nrrd");
        ImageFormats.write(f, v, labels);
        LoadedImage back = ImageFormats.read(f);
        assertEquals(labels, back.labels());
        TestVolumes.assertSame(v, back.volume(), 1e-12);
        String header = new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(header.contains("Segment1_Name:=left kidney\n"), header.substring(0, 800));
        assertTrue(header.contains("Segment1_LabelValue:=3\n"));
        assertTrue(header.contains("Segment0_Extent:=0 9 0 8 0 7\n"));
        assertTrue(header.contains("Segment2_Extent:=0 -1 0 -1 0 -1\n"), "label without voxels has an empty extent");
    }

    @Test
    void segNrrdRefusesNonLabels() throws Exception {
        Volume v = TestVolumes.random(new Dimensions(4, 4, 4), VoxelType.FLOAT32, TestVolumes.oblique(), 1);
        Path f = dir.resolve("bad.seg.nrrd");
        assertThrows(ImageFormatException.class, () -> ImageFormats.write(f, v, Map.of()));
        assertTrue(Files.notExists(f));
        try (var s = Files.list(dir)) {
            assertEquals(0, s.count(), "no partial or temporary file left");
        }
    }
}
