package org.organ3d.viewer.slice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.joml.Matrix3d;
import org.joml.Vector3d;
import org.junit.jupiter.api.Test;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.LabelInfo;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Rescale;
import org.organ3d.volume.Spacing;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/** Read-outs at LPS points come from the exact voxel; slice steps and snapping follow the grid. */
class SliceSourceTest {

    /** value(i, j, k) = 100 i + 10 j + k - 1024 (stored + 1024 with rescale -1024): every voxel distinct. */
    static Volume ramp(Geometry g) {
        Volume.Builder b = Volume.builder(new Dimensions(8, 6, 5), VoxelType.INT16, g).rescale(new Rescale(1, -1024));
        for (int k = 0; k < 5; k++) {
            short[] s = new short[48];
            for (int j = 0; j < 6; j++) {
                for (int i = 0; i < 8; i++) {
                    s[j * 8 + i] = (short) (100 * i + 10 * j + k);
                }
            }
            b.setSlice(k, s);
        }
        return b.build();
    }

    @Test
    void valueAndLabelAreTheNearestVoxelsOnAnObliqueGrid() {
        Geometry g = Geometry.of(new Vector3d(0.7, 0.9, 2.5), new Vector3d(-30, 12, 80),
                new Matrix3d().rotateZ(Math.toRadians(20)).rotateX(Math.toRadians(10)));
        Volume img = ramp(g);
        Volume.Builder lb = LabelMap.builder(new Dimensions(8, 6, 5), VoxelType.UINT8, g);
        for (int k = 0; k < 5; k++) {
            byte[] s = new byte[48];
            s[3 * 8 + 4] = 7;
            lb.setSlice(k, s);
        }
        LabelMap labels = new LabelMap(lb.build(), Map.of(7, new LabelInfo(7, "liver lesion", 0xffff00ff)));
        SliceSource src = new SliceSource(img, Map.of("modality", "CT"), labels);
        for (int[] v : new int[][] {{0, 0, 0}, {4, 3, 2}, {7, 5, 4}, {2, 1, 3}}) {
            Vector3d p = g.indexToPatient(v[0] + 0.3, v[1] - 0.4, v[2] + 0.45);
            assertEquals(100 * v[0] + 10 * v[1] + v[2] - 1024, src.value(p), 0, "voxel " + v[0] + "," + v[1] + "," + v[2]);
        }
        assertEquals(7, src.label(g.indexToPatient(4, 3, 2)));
        assertEquals("liver lesion", src.labelName(7));
        assertEquals("label 9", src.labelName(9));
        assertTrue(Double.isNaN(src.value(g.indexToPatient(-0.6, 0, 0))), "outside: NaN");
        assertEquals(0, src.label(g.indexToPatient(8.6, 0, 0)));
        assertTrue(src.isCt());
        assertEquals(-1024, src.minValue());
        assertEquals(700 + 50 + 4 - 1024, src.maxValue());
        assertTrue(src.readout(g.indexToPatient(4, 3, 2)).endsWith("[4 3 2]  -592 HU  liver lesion"),
                src.readout(g.indexToPatient(4, 3, 2)));
    }

    @Test
    void slicesStepByTheSpacingAndSnapToVoxelCentres() {
        Geometry g = Geometry.axisAligned(new Spacing(0.7, 0.8, 2.5), new Vector3d(-10, -20, 33));
        SliceSource src = new SliceSource(ramp(g), Map.of(), null);
        assertEquals(2.5, src.step(SliceOrientation.AXIAL), 1e-12);
        assertEquals(0.8, src.step(SliceOrientation.CORONAL), 1e-12);
        assertEquals(0.7, src.step(SliceOrientation.SAGITTAL), 1e-12);
        Vector3d c = new Vector3d(1.234, 5.678, 33 + 2 * 2.5 + 0.9);
        src.snap(c, SliceOrientation.AXIAL);
        assertEquals(33 + 2 * 2.5, c.z, 1e-9, "to the nearest slice centre");
        assertEquals(1.234, c.x, 0, "the other coordinates stay");
        assertFalse(src.isCt(), "no modality and no air: not CT");
        WindowLevel w = src.defaultWindow();
        assertTrue(w.low() <= src.minValue() + 50 && w.low() + w.width() >= src.maxValue() - 50, w.describe());
    }

    @Test
    void dicomWindowIsUsedForImagesThatAreNotCt() {
        Geometry g = Geometry.axisAligned(new Spacing(1, 1, 1));
        SliceSource src = new SliceSource(ramp(g), Map.of("modality", "MR", "windowCenter", "300\\400",
                "windowWidth", "600\\800"), null);
        assertEquals(new WindowLevel(600, 300, "file"), src.defaultWindow());
    }
}
