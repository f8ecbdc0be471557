package org.organ3d.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ShortBuffer;
import org.junit.jupiter.api.Test;

class VolumeTest {

    /** 1 GB of voxels in a 1.2 GB G1 heap: one array per slice needed 2 GB of 1 MiB regions. */
    @Test
    void holdsA512x512x2000Int16StudyInA1200MbHeap() throws Exception {
        String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(javaBin, "-Xmx1200m", "-XX:+UseG1GC", "-cp", System.getProperty("java.class.path"),
                LargeVolumeMain.class.getName()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("built 512x512x2000 int16"), out);
    }

    @Test
    void slicesLiveInSlabsOfWholeSlicesUnder32MiB() {
        assertEquals(63, Volume.slicesPerSlab(512 * 512, VoxelType.INT16, 1000), "63 x 512 KiB just under 32 MiB");
        assertEquals(127, Volume.slicesPerSlab(512 * 512, VoxelType.UINT8, 1000));
        assertEquals(7, Volume.slicesPerSlab(512 * 512, VoxelType.INT16, 7), "never more than nz");
        assertEquals(1, Volume.slicesPerSlab(4096 * 4096, VoxelType.FLOAT32, 10), "a slice larger than a slab stands alone");
        // slices across slab boundaries keep their values and are independent views
        int n = 300 * 200;
        Dimensions d = new Dimensions(300, 200, 600);
        Volume.Builder b = Volume.builder(d, VoxelType.INT16, Geometry.unit());
        for (int k = 0; k < d.nz(); k++) {
            ShortBuffer w = b.shortsForWriting(k);
            assertEquals(n, w.capacity());
            w.put(0, (short) k);
            w.put(n - 1, (short) -k);
        }
        Volume v = b.build();
        assertTrue(v.slicesPerSlab() > 1 && v.slicesPerSlab() < d.nz(), "several slabs: " + v.slicesPerSlab());
        short[] copy = new short[n];
        for (int k = 0; k < d.nz(); k++) {
            assertEquals(k, v.raw(0, 0, k));
            assertEquals(-k, v.raw(299, 199, k));
            ShortBuffer view = (ShortBuffer) v.slice(k);
            assertEquals(n, view.capacity());
            assertEquals(k, view.get(0));
            assertEquals(-k, view.get(n - 1));
            v.copySlice(k, copy);
            assertEquals(-k, copy[n - 1]);
            assertEquals((float) -k, v.sliceValues(k, null)[n - 1]);
        }
    }

    @Test
    void typedWritersNameTheRightOneAndSetSliceCopies() {
        Volume.Builder b = Volume.builder(new Dimensions(2, 2, 2), VoxelType.UINT8, Geometry.unit());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> b.shortsForWriting(0));
        assertTrue(e.getMessage().contains("uint8") && e.getMessage().contains("bytesForWriting"), e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> b.bytesForWriting(2));
        byte[] mine = {1, 2, 3, 4};
        b.setSlice(0, mine);
        mine[0] = 9;
        Volume v = b.fillMissingWithZeros().build();
        assertEquals(1, v.raw(0, 0, 0), "the builder copied the array");
        assertEquals(0, v.raw(1, 1, 1));
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
