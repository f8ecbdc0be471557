package org.organ3d.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ShortBuffer;
import org.junit.jupiter.api.Test;

class VolumeTest {

    @Test
    void holdsA512x512x2000Int16StudyInA2GbHeap() throws Exception {
        String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(javaBin, "-Xmx2g", "-cp", System.getProperty("java.class.path"),
                LargeVolumeMain.class.getName()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("built 512x512x2000 int16"), out);
    }

    @Test
    void unsignedTypesReadUnsignedAndRescale() {
        Dimensions d = new Dimensions(2, 1, 1);
        Volume.Builder b = Volume.builder(d, VoxelType.UINT16, Geometry.unit());
        b.setSlice(0, new short[] {(short) 65535, 7});
        Volume v = b.rescale(new Rescale(2, 1)).build();
        assertEquals(65535, v.raw(0, 0, 0));
        assertEquals(131071, v.value(0, 0, 0));
        float[] f = v.sliceValues(0, null);
        assertEquals(131071f, f[0]);
        assertEquals(15f, f[1]);
        ShortBuffer view = (ShortBuffer) v.slice(0);
        assertTrue(view.isReadOnly());
    }

    @Test
    void derivedVolumesShareVoxels() {
        Volume.Builder b = Volume.builder(new Dimensions(1, 1, 1), VoxelType.FLOAT32, Geometry.unit());
        b.setSlice(0, new float[] {3.5f});
        Volume v = b.build();
        Volume w = v.withGeometry(Geometry.axisAligned(new Spacing(2, 2, 2)));
        assertTrue(v.slice(0).equals(w.slice(0)));
        assertEquals(8.0, w.geometry().voxelVolume(), 1e-12);
    }

    @Test
    void builderChecksTypesLengthsAndCompleteness() {
        Volume.Builder b = Volume.builder(new Dimensions(2, 2, 2), VoxelType.INT16, Geometry.unit());
        assertThrows(IllegalArgumentException.class, () -> b.setSlice(0, new byte[4]));
        assertThrows(IllegalArgumentException.class, () -> b.setSlice(0, new short[3]));
        b.setSlice(0, new short[4]);
        assertThrows(IllegalStateException.class, b::build);
        b.fillMissingWithZeros().build();
        assertThrows(IllegalStateException.class, b::build);
        assertThrows(IllegalArgumentException.class, () -> new Dimensions(0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Dimensions(1, 1, 1 << 20));
    }

    @Test
    void labelMapCountsLabels() {
        Volume.Builder b = LabelMap.builder(new Dimensions(3, 1, 1), VoxelType.UINT8, Geometry.unit());
        b.setSlice(0, new byte[] {0, 2, (byte) 200});
        LabelMap m = new LabelMap(b.build(), java.util.Map.of(2, new LabelInfo(2, "liver", 0xff0000ff)));
        assertEquals(java.util.Map.of(2, 1L, 200, 1L), m.counts());
        assertEquals("liver", m.info(2).orElseThrow().name());
        assertEquals(200, m.label(2, 0, 0));
    }
}
