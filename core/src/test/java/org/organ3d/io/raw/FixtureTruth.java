package org.organ3d.io.raw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.organ3d.io.ImageFormats;
import org.organ3d.io.LoadedImage;
import org.organ3d.volume.Volume;

/**
 * A format fixture and the truth an independent writer recorded beside it ({@code <name>.json}:
 * {@code shape}, {@code values} in x-fastest order, and the affine), for the fixture tests of the
 * NIfTI, NRRD and MetaImage readers.
 *
 * @param image the fixture as organ3d reads it
 * @param truth the JSON beside it
 */
public record FixtureTruth(LoadedImage image, Map<String, Object> truth) {

    /** Reads {@code file} and the JSON beside it; checks the format name. */
    public static FixtureTruth read(Path file, String format) throws IOException {
        FixtureTruth t = new FixtureTruth(ImageFormats.read(file), TestJson.read(file.resolveSibling(file.getFileName() + ".json")));
        assertEquals(format, t.image.format());
        return t;
    }

    /**
     * Checks the volume's dimensions against {@code shape} and every value against {@code values},
     * within {@code relTol}·max(1, |value|) (0: exact).
     */
    public void assertShapeAndValues(String name, double relTol) {
        Volume v = image.volume();
        double[] shape = TestJson.vector(truth.get("shape"));
        assertArrayEquals(new int[] {(int) shape[0], (int) shape[1], (int) shape[2]}, v.dimensions().toArray());
        double[] values = TestJson.vector(truth.get("values"));
        for (int k = 0; k < v.nz(); k++) {
            for (int j = 0; j < v.ny(); j++) {
                for (int i = 0; i < v.nx(); i++) {
                    double w = values[i + v.nx() * (j + v.ny() * k)];
                    assertEquals(w, v.value(i, j, k), relTol * Math.max(1, Math.abs(w)), name + " at " + i + "," + j + "," + k);
                }
            }
        }
    }
}
