package org.organ3d.io.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.joml.Matrix3d;
import org.joml.Vector3d;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.io.ImageFormats;
import org.organ3d.io.LoadedImage;
import org.organ3d.testkit.ExternalTool;
import org.organ3d.testkit.Processes;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.Rescale;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/** The CT series writer: round trips through organ3d's reader and through pydicom. */
class DicomSeriesWriterTest {

    @TempDir
    Path tmp;

    static Volume obliqueVolume(VoxelType type) {
        Matrix3d dir = new Matrix3d().rotationXYZ(0.3, -0.2, 0.1);
        Geometry g = Geometry.of(new Vector3d(0.7, 0.8, 2.5), new Vector3d(-100.25, 50.5, 30.125), dir);
        Volume.Builder b = Volume.builder(new Dimensions(20, 16, 9), type, g).rescale(new Rescale(1, -1024));
        for (int k = 0; k < 9; k++) {
            java.nio.Buffer s = b.sliceForWriting(k);
            for (int p = 0; p < 320; p++) {
                int v = (p * 7 + k * 131) % 3000 - (type == VoxelType.UINT16 ? 0 : 500);
                switch (type) {
                    case INT16, UINT16 -> ((java.nio.ShortBuffer) s).put(p, (short) v);
                    case FLOAT32 -> ((java.nio.FloatBuffer) s).put(p, v + 0.25f * (p % 4));
                    default -> throw new IllegalArgumentException();
                }
            }
        }
        return b.build();
    }

    @Test
    void int16RoundTripIsExact() throws Exception {
        for (VoxelType t : new VoxelType[] {VoxelType.INT16, VoxelType.UINT16}) {
            Volume v = obliqueVolume(t);
            Path dir = tmp.resolve(t.label());
            SeriesInfo info = SeriesInfo.ct("Test^Phantom", "P1", "round trip");
            List<Path> files = DicomSeriesWriter.writeCtSeries(v, dir, info);
            assertEquals(9, files.size());
            try (Stream<Path> s = Files.list(dir)) {
                assertEquals(9, s.count(), "no temporary files left");
            }
            LoadedImage back = ImageFormats.read(dir);
            assertEquals(t, back.volume().type());
            assertEquals(info.seriesInstanceUID(), back.attributes().get("seriesInstanceUID"));
            assertTrue(back.warnings().isEmpty(), back.warnings().toString());
            assertTrue(v.geometry().equalsWithin(back.volume().geometry(), 1e-9),
                    v.geometry() + " vs " + back.volume().geometry());
            assertEquals(v.rescale(), back.volume().rescale());
            for (int k = 0; k < 9; k++) {
                for (int j = 0; j < 16; j++) {
                    for (int i = 0; i < 20; i++) {
                        assertEquals(v.raw(i, j, k), back.volume().raw(i, j, k));
                    }
                }
            }
        }
    }

    @Test
    void leftHandedVolumeComesBackReorderedAtTheSamePositions() throws Exception {
        // k runs against row x column (a "feet first" stack): the reader orders along the normal,
        // so slice k comes back as slice nz-1-k, each voxel at the same LPS position
        Geometry g = Geometry.of(new Vector3d(0.5, 0.5, 2), new Vector3d(1, 2, 3), new Matrix3d().scaling(1, 1, -1));
        Volume.Builder b = Volume.builder(new Dimensions(4, 3, 5), VoxelType.INT16, g);
        for (int k = 0; k < 5; k++) {
            ShortBuffer s = b.shortsForWriting(k);
            for (int q = 0; q < s.capacity(); q++) {
                s.put(q, (short) (100 * k));
            }
            s.put(1, (short) (7 + k));
        }
        Volume v = b.build();
        DicomSeriesWriter.writeCtSeries(v, tmp.resolve("lh"), SeriesInfo.ct("L", "H", "left-handed"));
        Volume back = ImageFormats.read(tmp.resolve("lh")).volume();
        assertTrue(!back.geometry().isLeftHanded());
        for (int k = 0; k < 5; k++) {
            Vector3d p = v.geometry().indexToPatient(1, 0, k);
            Vector3d idx = back.geometry().patientToIndex(p);
            assertEquals(4 - k, idx.z, 1e-9);
            assertEquals(1, idx.x, 1e-9);
            assertEquals(v.raw(1, 0, k), back.raw(1, 0, (int) Math.round(idx.z)));
        }
    }

    @Test
    void float32IsQuantisedWithinHalfAStep() throws Exception {
        Volume v = obliqueVolume(VoxelType.FLOAT32);
        DicomSeriesWriter.writeCtSeries(v, tmp.resolve("f"), SeriesInfo.ct("A", "B", "float"));
        Volume back = ImageFormats.read(tmp.resolve("f")).volume();
        double step = back.rescale().slope();
        assertTrue(step < 0.1, "step " + step);
        for (int k = 0; k < 9; k++) {
            for (int i = 0; i < 20; i++) {
                assertEquals(v.value(i, 3, k), back.value(i, 3, k), step / 2 + 1e-6);
            }
        }
    }

    @Test
    void pydicomReadsTheWrittenSeries() throws Exception {
        ExternalTool.requireAll(ExternalTool.PYDICOM, ExternalTool.NUMPY);
        Volume v = obliqueVolume(VoxelType.INT16);
        Path dir = tmp.resolve("py");
        DicomSeriesWriter.writeCtSeries(v, dir, SeriesInfo.ct("Py^Dicom", "P2", "pydicom check"));
        String script = String.join("\n",
                "import pydicom, glob, sys",
                "for f in sorted(glob.glob(sys.argv[1] + '/*.dcm')):",
                "    ds = pydicom.dcmread(f)",
                "    a = ds.pixel_array.astype('int64')",
                "    w = sum(int(x) * (i % 97 + 1) for i, x in enumerate(a.ravel()))",
                "    print(int(ds.InstanceNumber), *[float(x) for x in ds.ImagePositionPatient],",
                "          *[float(x) for x in ds.ImageOrientationPatient], *[float(x) for x in ds.PixelSpacing],",
                "          float(ds.RescaleIntercept), float(ds.RescaleSlope), int(a.sum()), w, ds.file_meta.TransferSyntaxUID)");
        String out = runPython(script, dir.toString());
        assertTrue(out != null && !out.isBlank(), "pydicom printed nothing");
        String[] lines = out.strip().split("\n");
        assertEquals(9, lines.length);
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            int k = Integer.parseInt(f[0]) - 1;
            Vector3d p = v.geometry().indexToPatient(0, 0, k);
            assertEquals(p.x, Double.parseDouble(f[1]), 1e-9);
            assertEquals(p.y, Double.parseDouble(f[2]), 1e-9);
            assertEquals(p.z, Double.parseDouble(f[3]), 1e-9);
            Matrix3d d = v.geometry().direction();
            assertEquals(d.m00(), Double.parseDouble(f[4]), 1e-12);
            assertEquals(d.m11(), Double.parseDouble(f[8]), 1e-12);
            assertEquals(0.8, Double.parseDouble(f[10]), 1e-12, "row spacing");
            assertEquals(0.7, Double.parseDouble(f[11]), 1e-12, "column spacing");
            assertEquals(-1024, Double.parseDouble(f[12]));
            assertEquals(1, Double.parseDouble(f[13]));
            long sum = 0;
            long weighted = 0;
            int idx = 0;
            for (int j = 0; j < 16; j++) {
                for (int i = 0; i < 20; i++) {
                    long x = (long) v.raw(i, j, k);
                    sum += x;
                    weighted += x * (idx % 97 + 1);
                    idx++;
                }
            }
            assertEquals(sum, Long.parseLong(f[14]), "slice " + k + " sum");
            assertEquals(weighted, Long.parseLong(f[15]), "slice " + k + " weighted sum");
            assertEquals(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(), f[16]);
        }
    }

    /** Runs /usr/bin/python3 -c script through {@link Processes#run}; a failure or a timeout fails the test. */
    static String runPython(String script, String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of(ExternalTool.PYTHON.toString(), "-c", script));
        cmd.addAll(List.of(args));
        return Processes.run(cmd, null, Duration.ofMinutes(2)).assertOk("python3 -c").out();
    }
}
