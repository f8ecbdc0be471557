package org.organ3d.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.organ3d.testkit.ExternalTool;

/**
 * The measurement columns: every key of {@code organ3d measure} flattened as the contract says, each
 * with a unit; and the Java 17 flags the same everywhere they are written (code, launcher, build).
 */
class MeasurementColumnsTest {

    @Test
    void everyKeyOfMeasureIsAColumnWithAUnit() {
        List<String> names = new ArrayList<>();
        for (Column c : MeasurementColumns.columns()) {
            names.add(c.name());
            if (!List.of("label", "name", "surfaceMethod").contains(c.name())) {
                assertTrue(c.unit() != null, c.name() + " has a unit");
                assertNotEquals(MeasurementColumns.UNKNOWN_UNIT, c.unit(), c.name() + ": add its unit to MeasurementColumns.unit");
            }
        }
        for (String n : List.of("label", "name", "voxelCount", "volumeMm3", "volumeCm3", "meshVolumeMm3", "surfaceAreaMm2",
                "centroidLps_0", "centroidLps_2", "centroidRas_0", "centroidVoxel_1", "boundingBoxLps_min_0",
                "boundingBoxLps_max_2", "principalAxes_0_0", "principalAxes_2_2", "principalLengthsMm_0",
                "orientedBoundingBoxMm_2", "maxFeretDiameterMm", "minFeretDiameterMm", "sphericity", "recist_longAxisMm",
                "recist_shortAxisMm", "recist_sliceIndex", "recist_endpointsLps_3_2", "intensity_mean", "intensity_std",
                "intensity_min", "intensity_max", "intensity_median", "intensity_p05", "intensity_p95")) {
            assertTrue(names.contains(n), "the contract's key " + n + " is a column");
        }
        assertEquals(names.size(), names.stream().distinct().count());
        assertEquals("mm3", MeasurementColumns.unit("volumeMm3"));
        assertEquals("cm3", MeasurementColumns.unit("volumeCm3"));
        assertEquals("mm (LPS)", MeasurementColumns.unit("centroidLps_1"));
        assertEquals("mm (RAS)", MeasurementColumns.unit("centroidRas_1"));
        assertEquals("slice index (k)", MeasurementColumns.unit("recist_sliceIndex"));
        assertEquals(Column.Type.INT64, column("voxelCount").type());
        assertEquals(Column.Type.INT32, column("label").type());
        assertEquals(Column.Type.DOUBLE, column("intensity_p95").type());
        assertTrue(!column("label").nullable() && column("intensity_mean").nullable());
    }

    private static Column column(String name) {
        return MeasurementColumns.columns().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theJava17FlagsAreSparksOwnAndTheLauncherAndBuildPassThemAll() throws Exception {
        List<String> spark = Arrays.asList(org.apache.spark.launcher.JavaModuleOptions.defaultModuleOptions().split("\\s+"));
        assertEquals(spark, SparkRuntime.JAVA17_FLAGS, "the list of Spark 3.5's launcher");
        Path root = ExternalTool.repositoryRoot();
        if (root == null) {
            return;
        }
        String launcher = Files.readString(root.resolve("organ3d"));
        String pom = Files.readString(root.resolve("cohort/pom.xml"));
        for (String f : SparkRuntime.JAVA17_FLAGS) {
            assertTrue(launcher.contains(f), "the organ3d launcher passes " + f);
            assertTrue(pom.contains(f), "the test JVMs get " + f);
        }
    }
}
