package org.organ3d.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.joml.Vector3d;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.compute.ComputeBackends;
import org.organ3d.io.ImageFormats;
import org.organ3d.io.LoadedImage;
import org.organ3d.measure.LabelMeasurement;
import org.organ3d.measure.LabelMeasurements;
import org.organ3d.mesh.IsoSurfaceOptions;
import org.organ3d.mesh.Mesh;
import org.organ3d.mesh.WindowedSincSmoothing;
import org.organ3d.mesh.io.CoordinateSystem;
import org.organ3d.mesh.io.ExportOptions;
import org.organ3d.mesh.io.MeshWriters;
import org.organ3d.mesh.io.NamedMesh;
import org.organ3d.segment.Connectivity;
import org.organ3d.segment.HoleFilling;
import org.organ3d.segment.HuPresets;
import org.organ3d.segment.LabelMapOps;
import org.organ3d.segment.RegionGrowing;
import org.organ3d.segment.Threshold;
import org.organ3d.segment.ThresholdRange;
import org.organ3d.segment.VoxelIndex;
import org.organ3d.testdata.phantom.AbdominalPhantom;
import org.organ3d.testdata.phantom.PhantomGenerator;
import org.organ3d.testdata.phantom.PhantomGrid;
import org.organ3d.testdata.phantom.PhantomStudyFiles;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Volume;

/** Runs the README's library example (on the small phantom) and checks the README shows this code. */
class ReadmeExampleTest {

    @Test
    void readmeExampleRunsAndMeasuresTheLiver(@TempDir Path dir) throws Exception {
        Path demo = dir.resolve("organ3d-demo");
        PhantomStudyFiles.write(PhantomGenerator.generate(PhantomGrid.SMALL), demo.resolve("study"));
        Path bonesStl = dir.resolve("bones.stl");

        // README-BEGIN
        LoadedImage study = ImageFormats.read(demo.resolve("study/dicom"));  // DICOM → Volume in LPS
        Volume ct = study.volume();
        List<VoxelIndex> click = RegionGrowing.seedsFromLps(ct, List.of(new Vector3d(-58, -14, 45)));
        LabelMap liver = RegionGrowing.connectedThreshold(ct, click, new ThresholdRange(5, 180),
                Connectivity.SIX, RegionGrowing.NO_LIMIT, 1).region();            // 5 HU: half-way liver/fat
        liver = HoleFilling.fill3d(liver, 1);
        LabelMap bone = Threshold.apply(ct, HuPresets.BONE.range(), 2);
        LabelMap labels = LabelMapOps.merge(List.of(liver, bone));

        List<LabelMeasurement> m = LabelMeasurements.measure(labels);              // volumes, Feret, RECIST ...
        System.out.printf("liver %.1f cm³ (voxels), %.1f cm³ (surface)%n",
                m.get(0).volumeCm3(), m.get(0).meshVolumeMm3() / 1000);

        Mesh bones = ComputeBackends.select("auto").isosurface(ct, IsoSurfaceOptions.open(300)); // Java or OpenCL
        Mesh smooth = WindowedSincSmoothing.smooth(bones).mesh();                  // volume kept within 0.5 %
        MeshWriters.write(bonesStl, List.of(new NamedMesh(2, "bone", 0xeeeeddff, smooth)),
                ExportOptions.in(CoordinateSystem.RAS));                          // frame recorded in the file
        // README-END
        LabelMeasurement liverM = m.stream().filter(x -> x.label() == 1).findFirst().orElseThrow();
        double truth = new AbdominalPhantom().truths(PhantomGrid.SMALL).get(0).volumeMm3();
        assertEquals(truth, liverM.volumeMm3(), 0.02 * truth);
        assertTrue(Files.size(bonesStl) > 84);
        assertTrue(smooth.triangleCount() > 1000);
    }

    @Test
    void readmeShowsThisExample() throws Exception {
        Path here = Path.of("").toAbsolutePath();
        Path root = Files.exists(here.resolve("README.md")) ? here : here.getParent();
        String readme = Files.readString(root.resolve("README.md"), StandardCharsets.UTF_8);
        String src = Files.readString(root.resolve("cli/src/test/java/org/organ3d/cli/ReadmeExampleTest.java"),
                StandardCharsets.UTF_8);
        String block = src.substring(src.indexOf("// README-BEGIN") + "// README-BEGIN".length(), src.indexOf("        // README-END"));
        String expected = Arrays.stream(block.split("\n")).filter(l -> !l.isBlank() || true)
                .map(l -> l.startsWith("        ") ? l.substring(8) : l)
                .collect(Collectors.joining("\n")).strip()
                .replace("demo.resolve(\"study/dicom\")", "Path.of(\"organ3d-demo/study/dicom\")")
                .replace("MeshWriters.write(bonesStl,", "MeshWriters.write(Path.of(\"bones.stl\"),");
        assertTrue(readme.contains(expected), "README's library example differs from ReadmeExampleTest:\n" + expected);
    }
}
