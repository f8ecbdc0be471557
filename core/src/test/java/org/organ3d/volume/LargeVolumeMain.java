package org.organ3d.volume;

import java.nio.ShortBuffer;

/** Run by {@link VolumeTest} in a JVM with {@code -Xmx1200m}: builds a 512×512×2000 int16 volume. */
public final class LargeVolumeMain {

    private LargeVolumeMain() {
    }

    public static void main(String[] args) {
        Dimensions d = new Dimensions(512, 512, 2000);
        Volume.Builder b = Volume.builder(d, VoxelType.INT16, Geometry.axisAligned(new Spacing(0.7, 0.7, 0.5)));
        for (int k = 0; k < d.nz(); k++) {
            ShortBuffer s = b.shortsForWriting(k);
            s.put(k % s.capacity(), (short) k);
        }
        Volume v = b.rescale(new Rescale(1, -1024)).build();
        if (v.value(1999 % 512, 1999 / 512, 1999) != 1999 - 1024) {
            throw new AssertionError("wrong voxel");
        }
        System.out.println("built " + d + " " + v.type().label() + " max heap " + Runtime.getRuntime().maxMemory());
    }
}
