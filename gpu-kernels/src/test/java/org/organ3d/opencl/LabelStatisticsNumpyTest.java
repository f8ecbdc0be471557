package org.organ3d.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.compute.LabelStatistics;
import org.organ3d.testkit.ExternalTool;
import org.organ3d.testkit.Processes;
import org.organ3d.testkit.RequiresDevice;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Rescale;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * The OpenCL multi-label pass against an independent witness: numpy (counts, means, population
 * standard deviations, minima, maxima, numpy's default percentiles) and scikit-image's
 * {@code regionprops} (areas, bounding boxes, centroids) on the same raw voxels ({@code
 * label_stats_check.py}), for 117 and 5000 labels and 8/16-bit and float images. Tagged {@code tools}:
 * the GPU device check, which has no Python, leaves it out.
 */
@Tag("opencl")
@Tag("tools")
@RequiresDevice(value = "opencl", probe = OpenClProbe.class)
class LabelStatisticsNumpyTest {

    @Test
    void openClAgreesWithNumpyAndScikitImage(@TempDir Path dir) throws Exception {
        ExternalTool.requireAll(ExternalTool.NUMPY, ExternalTool.SKIMAGE);
        Dimensions d = new Dimensions(45, 38, 12);
        Object[][] cases = {{117, VoxelType.INT16, new Rescale(1, -1024)}, {117, VoxelType.FLOAT32, new Rescale(2, 0.5)},
            {5000, VoxelType.INT8, new Rescale(-1, 3)}, {117, VoxelType.UINT16, Rescale.IDENTITY}};
        try (OpenClBackend backend = new OpenClBackend()) {
            for (Object[] c : cases) {
                LabelMap m = LabelStatisticsParityTest.labels(d, (Integer) c[0], 40, VoxelType.UINT16);
                Volume img = LabelStatisticsParityTest.image(d, (VoxelType) c[1], (Rescale) c[2], 41);
                LabelStatistics s = backend.labelStatistics(m, img, LabelStatistics.Options.all());
                Path meta = NumpyCheck.write(dir, m, img, s);
                Processes.Run r = Processes.run(List.of(ExternalTool.PYTHON.toString(), NumpyCheck.script().toString(),
                        meta.toString()), null, Duration.ofMinutes(3));
                System.out.print(c[0] + " labels, " + c[1] + ": " + r.out());
                assertEquals(0, r.exit(), r.out() + r.err());
            }
        }
    }
}
