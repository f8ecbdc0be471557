package org.organ3d.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.organ3d.io.ImageFormat;
import org.organ3d.io.ImageFormatException;
import org.organ3d.io.LoadedImage;
import org.organ3d.io.ReadOptions;
import org.organ3d.mesh.IsoSurfaceOptions;
import org.organ3d.mesh.Mesh;
import org.organ3d.mesh.MeshProperties;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.LabelInfo;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Spacing;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/** The embedder's surface: names instead of null, argument checks with messages, explicit options. */
class ApiChecksTest {

    /** 8x8x8 uint8: a 4x4x4 block of label 1 at (2..5)^3, label 2 at voxel (7, 7, 7) touching the border. */
    private static LabelMap blocks(Map<Integer, LabelInfo> info) {
        Volume.Builder b = LabelMap.builder(new Dimensions(8, 8, 8), VoxelType.UINT8,
                Geometry.axisAligned(new Spacing(0.5, 1, 2)));
        for (int k = 0; k < 8; k++) {
            ByteBuffer s = b.bytesForWriting(k);
            for (int j = 2; j <= 5 && k >= 2 && k <= 5; j++) {
                for (int i = 2; i <= 5; i++) {
                    s.put(j * 8 + i, (byte) (1));
                }
            }
            if (k == 7) {
                s.put(63, (byte) (2));
            }
        }
        return new LabelMap(b.build(), info);
    }

    @Test
    void unnamedLabelsAreCalledLabelNAndTheFileNameStaysDistinguishable() {
        List<LabelMeasurement> m = LabelMeasurements.measure(blocks(Map.of(2, new LabelInfo(2, "lesion", 0xff0000ff))));
        assertEquals("label 1", m.get(0).name());
        assertTrue(m.get(0).fileName().isEmpty());
        assertEquals("lesion", m.get(1).name());
        assertEquals("lesion", m.get(1).fileName().orElseThrow());
        String json = new Report("in", null, m, List.of()).toJson();
        assertTrue(json.contains("\"name\": null") && json.contains("\"name\": \"lesion\""), "the JSON keeps null: " + json);
    }

    @Test
    void labelSurfacesCheckTheirArgumentsAndFindTheBoxThemselves() {
        LabelMap map = blocks(Map.of());
        LabelSurfaces s = LabelSurfaces.indicatorIsoSurface();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.extract(map, 1, null));
        assertTrue(e.getMessage().contains("box must be [i0, i1, j0, j1, k0, k1]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.extract(map, 1, new int[] {2, 5, 2, 5, 2, 8}));
        assertThrows(IllegalArgumentException.class, () -> s.extract(map, 1, new int[] {5, 2, 2, 5, 2, 5}));
        assertThrows(IllegalArgumentException.class, () -> s.extract(map, 0, new int[] {2, 5, 2, 5, 2, 5}));
        Mesh block = s.extract(map, 1);
        assertEquals(LabelMeasurements.measure(map).get(0).meshVolumeMm3(), MeshProperties.of(block).volumeMm3(), 1e-9);
        Mesh corner = s.extract(map, 2);
        assertFalse(corner.isEmpty(), "a label at the border still gets a closed surface");
        assertTrue(s.extract(map, 3).isEmpty(), "an absent label has an empty surface");
        assertEquals(null, LabelSurfaces.boundingBox(map, 3));
    }

    @Test
    void isoSurfaceOptionsSayHowTheBorderIsTreated() {
        assertFalse(IsoSurfaceOptions.open(100).cap());
        assertTrue(IsoSurfaceOptions.capped(100).cap());
        assertTrue(IsoSurfaceOptions.capped(100).normals());
        assertEquals(new IsoSurfaceOptions(100, false, true), IsoSurfaceOptions.open(100).withCap(true).withNormals(false));
        assertThrows(IllegalArgumentException.class, () -> IsoSurfaceOptions.capped(Double.NaN));
    }

    @Test
    void aFormatThatCannotWriteSaysSoWithACheckedException() {
        ImageFormat readOnly = new ImageFormat() {
            @Override
            public String name() {
                return "read-only";
            }

            @Override
            public boolean canRead(Path path) {
                return false;
            }

            @Override
            public LoadedImage read(Path path, ReadOptions options) {
                throw new UnsupportedOperationException();
            }
        };
        ImageFormatException e = assertThrows(ImageFormatException.class,
                () -> readOnly.write(Path.of("x.raw"), blocks(Map.of()).labels(), Map.of()));
        assertTrue(e.getMessage().contains("x.raw") && e.getMessage().contains("read only"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Spacing(1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Spacing.isotropic(Double.NaN));
    }
}
