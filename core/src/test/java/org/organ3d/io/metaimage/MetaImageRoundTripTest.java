package org.organ3d.io.metaimage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.joml.Matrix3d;
import org.joml.Vector3d;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.organ3d.io.ImageFormats;
import org.organ3d.io.LoadedImage;
import org.organ3d.io.raw.TestVolumes;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Spacing;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

class MetaImageRoundTripTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(VoxelType.class)
    void everyTypeRoundTripsExactly(VoxelType t) throws Exception {
        Volume v = TestVolumes.random(new Dimensions(11, 9, 7), t, t.ordinal() % 2 == 0 ? TestVolumes.oblique() : TestVolumes.sheared(), t.ordinal());
        for (String ext : new String[] {".mha", ".mhd"}) {
            Path f = dir.resolve("rt_" + t.label() + ext);
            ImageFormats.write(f, v, Map.of());
            LoadedImage back = ImageFormats.read(f);
            TestVolumes.assertSame(v, back.volume(), 1e-9);
            assertTrue(back.warnings().isEmpty(), back.warnings().toString());
        }
        assertTrue(Files.exists(dir.resolve("rt_" + t.label() + ".raw")));
    }

    @Test
    void vtkReadsWhatOrgan3dWrites() throws Exception {
        // VTK's MetaImage reader (independent) must see our spacing, origin and voxels; it ignores
        // TransformMatrix, so an axis-aligned grid is used.
        Volume v = TestVolumes.random(new Dimensions(6, 5, 4), VoxelType.INT16,
                org.organ3d.volume.Geometry.axisAligned(new Spacing(0.5, 0.75, 2.5), new Vector3d(-10.25, 20.5, 30.125)), 11);
        Path f = dir.resolve("forvtk.mha");
        ImageFormats.write(f, v, Map.of());
        StringBuilder expected = new StringBuilder();
        for (int k = 0; k < 4; k++) {
            for (int j = 0; j < 5; j++) {
                for (int i = 0; i < 6; i++) {
                    expected.append((int) v.raw(i, j, k)).append(' ');
                }
            }
        }
        String py = "import sys\n"
                + "try:\n from vtkmodules.vtkIOImage import vtkMetaImageReader\n from vtkmodules.util.numpy_support import vtk_to_numpy\n"
                + "except ImportError as e:\n print('SKIP', e); sys.exit(3)\n"
                + "r = vtkMetaImageReader(); r.SetFileName(sys.argv[1]); r.Update(); im = r.GetOutput()\n"
                + "vals = ' '.join(str(int(x)) for x in vtk_to_numpy(im.GetPointData().GetScalars())) + ' '\n"
                + "ok = vals == open(sys.argv[2]).read() and im.GetSpacing() == (0.5, 0.75, 2.5) and im.GetOrigin() == (-10.25, 20.5, 30.125)\n"
                + "print('OK' if ok else 'MISMATCH', im.GetSpacing(), im.GetOrigin()); sys.exit(0 if ok else 1)\n";
        Path script = dir.resolve("check.py");
        Files.writeString(script, py);
        Path exp = dir.resolve("exp.txt");
        Files.writeString(exp, expected.toString());
        org.organ3d.testkit.ExternalTool.VTK.require();
        org.organ3d.testkit.Processes.run(java.util.List.of(org.organ3d.testkit.ExternalTool.PYTHON.toString(), script.toString(),
                f.toString(), exp.toString()), dir, java.time.Duration.ofMinutes(2)).assertOk("VTK's vtkMetaImageReader");
    }

    @Test
    void anatomicalOrientationCode() {
        assertEquals("RAI", MetaImageWriter.orientation(new Matrix3d()));
        assertEquals("LPS", MetaImageWriter.orientation(new Matrix3d().scaling(-1, -1, -1)));
    }
}
