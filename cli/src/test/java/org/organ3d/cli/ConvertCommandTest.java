package org.organ3d.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.organ3d.cli.CliRun.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.joml.Matrix3d;
import org.joml.Vector3d;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.io.ImageFormats;
import org.organ3d.io.LoadedImage;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.LabelInfo;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

class ConvertCommandTest {

    @TempDir
    Path dir;

    @Test
    void convertsThroughEveryFormatKeepingVoxelsAndGeometry() throws Exception {
        Geometry g = Geometry.of(new Vector3d(0.8, 0.9, 2.5), new Vector3d(-100.123456, 50.5, 12.25),
                new Matrix3d().rotateXYZ(0.2, -0.3, 0.4));
        Volume.Builder b = Volume.builder(new Dimensions(9, 8, 7), VoxelType.UINT8, g);
        for (int k = 0; k < 7; k++) {
            ByteBuffer s = b.bytesForWriting(k);
            for (int x = 0; x < s.capacity(); x++) {
                s.put(x, (byte) ((byte) ((x * 7 + k) % 5 == 0 ? 2 : (x % 3 == 0 ? 1 : 0))));
            }
        }
        Volume v = b.build();
        Map<Integer, LabelInfo> labels = Map.of(1, new LabelInfo(1, "liver", 0xdd8265ff), 2, new LabelInfo(2, "spleen", 0x9d6ca2ff));
        Path src = dir.resolve("in.seg.nrrd");
        ImageFormats.write(src, v, labels);
        Path prev = src;
        for (String ext : new String[] {".nii.gz", ".mha", ".nii", ".mhd", ".nrrd", ".nhdr", ".seg.nrrd"}) {
            Path out = dir.resolve("step" + ext);
            CliRun r = run("convert", prev.toString(), out.toString(), "--json");
            assertEquals(0, r.code(), r.err());
            JsonNode j = Json.MAPPER.readTree(r.out());
            assertEquals(out.toAbsolutePath().normalize().toString(), j.get("out").asText());
            assertEquals("[9,8,7]", j.get("dimensions").toString());
            assertEquals(ext.contains("nii") ? "nifti" : ext.contains("mh") ? "metaimage" : "nrrd", j.get("format").asText());
            LoadedImage back = ImageFormats.read(out);
            assertTrue(g.equalsWithin(back.volume().geometry(), 1e-6), back.volume().geometry().toString());
            for (int k = 0; k < 7; k++) {
                for (int jj = 0; jj < 8; jj++) {
                    for (int i = 0; i < 9; i++) {
                        assertEquals(v.value(i, jj, k), back.volume().value(i, jj, k), 0);
                    }
                }
            }
            prev = out;
        }
        LoadedImage last = ImageFormats.read(prev);
        assertEquals("Segment_1", last.labels().get(1).name(), "MetaImage dropped the names: Slicer-style default names");
        Path nii = dir.resolve("named.nii.gz");
        Path seg = dir.resolve("named.seg.nrrd");
        assertEquals(0, run("convert", src.toString(), nii.toString()).code());
        assertEquals(0, run("convert", nii.toString(), seg.toString()).code());
        assertEquals(labels, ImageFormats.read(seg).labels(), "names and colours survive .seg.nrrd -> .nii.gz -> .seg.nrrd");
    }

    @Test
    void dicomSeriesToNifti() throws Exception {
        for (String name : new String[] {"phantom-oblique", "phantom-tilted"}) {
            Path d = Path.of("").toAbsolutePath();
            Path series = null;
            while (d != null && series == null) {
                Path c = d.resolve("core/src/test/resources/org/organ3d/io/dicom/" + name);
                series = Files.isDirectory(c) ? c : null;
                d = d.getParent();
            }
            org.junit.jupiter.api.Assumptions.assumeTrue(series != null, "DICOM fixture " + name + " not found");
            Path out = dir.resolve(name + ".nii.gz");
            CliRun r = run("convert", series.toString(), out.toString(), "--json");
            assertEquals(0, r.code(), r.err());
            assertEquals("dicom-series", Json.MAPPER.readTree(r.out()).get("inputFormat").asText());
            Volume a = ImageFormats.read(series).volume();
            Volume b = ImageFormats.read(out).volume();
            assertTrue(a.geometry().equalsWithin(b.geometry(), 1e-9), name + ": " + a.geometry() + " vs " + b.geometry());
            assertEquals(a.rescale(), b.rescale());
            for (int k = 0; k < a.nz(); k++) {
                assertEquals(a.slice(k), b.slice(k), name + " slice " + k);
            }
        }
    }

    @Test
    void badOutputExtensionIsUsageError() throws Exception {
        CliRun r = run("convert", "whatever.nii", dir.resolve("x.png").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("x.png"), r.err());
    }

    @Test
    void missingInputFails() {
        CliRun r = run("convert", dir.resolve("none.nii").toString(), dir.resolve("x.nii").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("none.nii"), r.err());
        assertTrue(Files.notExists(dir.resolve("x.nii")));
    }
}
