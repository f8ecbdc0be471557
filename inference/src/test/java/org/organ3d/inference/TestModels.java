package org.organ3d.inference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.joml.Matrix3d;
import org.joml.Vector3d;
import org.organ3d.testkit.ExternalTool;
import org.organ3d.testkit.Processes;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * The test models (built once per JVM by make_models.py with Debian's python3-onnx), the Python
 * oracle script, and small volumes and cards for the tests.
 */
final class TestModels {

    private static Path dir;

    private TestModels() {
    }

    /** The folder holding the models; requires python3-onnx (skips or fails per the requirement switch). */
    static synchronized Path dir() {
        ExternalTool.ONNX.require();
        ExternalTool.NUMPY.require();
        if (dir == null) {
            try {
                Path d = Files.createTempDirectory("organ3d-onnx-models");
                Processes.run(List.of(ExternalTool.PYTHON.toString(), script("make_models.py").toString(), d.toString()), null,
                        Duration.ofMinutes(2)).assertOk("make_models.py");
                d.toFile().deleteOnExit();
                for (Path p : Files.list(d).toList()) {
                    p.toFile().deleteOnExit();
                }
                dir = d;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }

    static Path model(String name) {
        return dir().resolve(name);
    }

    /** A script beside this class in the test resources. */
    static Path script(String name) {
        try {
            return Path.of(TestModels.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A card in JSON with the given fields (JSON fragments) after the required ones.
     *
     * @param patch "[x, y, z]"
     */
    static String card(String patch, String output, String labels, String more) {
        return "{\"name\": \"test\", \"inputSpacingMm\": null, \"patchSize\": " + patch + ", \"tensorAxes\": \"zyx\", "
                + "\"normalization\": {\"type\": \"none\"}, \"output\": \"" + output + "\", \"labels\": " + labels
                + (more.isEmpty() ? "" : ", " + more) + "}";
    }

    static ModelCard parse(String json) {
        try {
            return ModelCards.parse(json, null);
        } catch (ModelCardException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An int16 volume of smooth random texture in 0..399 (a sum of random blobs), so that thresholds
     * at half-integers cut it everywhere without ties.
     */
    static Volume texture(Dimensions d, Geometry g, long seed) {
        Random r = new Random(seed);
        int blobs = 12;
        double[][] c = new double[blobs][4];
        for (double[] b : c) {
            b[0] = r.nextDouble() * d.nx();
            b[1] = r.nextDouble() * d.ny();
            b[2] = r.nextDouble() * d.nz();
            b[3] = 2 + r.nextDouble() * Math.max(d.nx(), Math.max(d.ny(), d.nz())) / 3.0;
        }
        double[] raw = new double[(int) d.voxelCount()];
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        int n = 0;
        for (int k = 0; k < d.nz(); k++) {
            for (int j = 0; j < d.ny(); j++) {
                for (int i = 0; i < d.nx(); i++) {
                    double v = 0;
                    for (double[] b : c) {
                        double dx = i - b[0];
                        double dy = j - b[1];
                        double dz = k - b[2];
                        v += Math.exp(-(dx * dx + dy * dy + dz * dz) / (2 * b[3] * b[3]));
                    }
                    raw[n++] = v;
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        Volume.Builder vb = Volume.builder(d, VoxelType.INT16, g);
        n = 0;
        for (int k = 0; k < d.nz(); k++) {
            ShortBuffer s = vb.shortsForWriting(k);
            for (int x = 0; x < s.capacity(); x++) {
                double u = (raw[n++] - lo) / Math.max(hi - lo, 1e-9);
                double v = u * u * 380 + r.nextInt(21);
                s.put(x, (short) ((short) Math.max(0, Math.min(399, Math.round(v)))));
            }
        }
        return vb.build();
    }

    /** An oblique, anisotropic geometry (rotated about two axes, spacing sx, sy, sz). */
    static Geometry oblique(double sx, double sy, double sz) {
        Matrix3d dir = new Matrix3d().rotateXYZ(0.3, -0.2, 0.4);
        return Geometry.of(new Vector3d(sx, sy, sz), new Vector3d(-40, 25, 110), dir);
    }
}
