package org.organ3d.opencl;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.organ3d.compute.LabelIntensity;
import org.organ3d.compute.LabelStatistics;
import org.organ3d.compute.LabelVoxels;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Volume;

/**
 * Writes a label map, an image and organ3d's statistics for {@code label_stats_check.py}: the raw
 * voxels as little-endian files (so the witness reads them with numpy alone, not through organ3d's
 * writers) and the numbers as JSON.
 */
final class NumpyCheck {

    private NumpyCheck() {
    }

    static Path script() throws URISyntaxException {
        return Path.of(NumpyCheck.class.getResource("label_stats_check.py").toURI());
    }

    static Path write(Path dir, LabelMap m, Volume img, LabelStatistics s) throws IOException {
        Dimensions d = m.dimensions();
        Path labels = dir.resolve("labels.u2");
        Path image = dir.resolve("image.raw");
        ByteBuffer lb = ByteBuffer.allocate((int) d.voxelCount() * 2).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer ib = ByteBuffer.allocate((int) d.voxelCount() * img.type().bytes()).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < d.nz(); k++) {
            for (int j = 0; j < d.ny(); j++) {
                for (int i = 0; i < d.nx(); i++) {
                    lb.putShort((short) m.label(i, j, k));
                    double r = img.raw(i, j, k);
                    switch (img.type()) {
                        case UINT8, INT8 -> ib.put((byte) r);
                        case INT16, UINT16 -> ib.putShort((short) r);
                        case INT32 -> ib.putInt((int) r);
                        case FLOAT32 -> ib.putFloat((float) r);
                    }
                }
            }
        }
        Files.write(labels, lb.array());
        Files.write(image, ib.array());
        String dtype = switch (img.type()) {
            case UINT8 -> "u1";
            case INT8 -> "i1";
            case INT16 -> "<i2";
            case UINT16 -> "<u2";
            case INT32 -> "<i4";
            case FLOAT32 -> "<f4";
        };
        StringBuilder j = new StringBuilder();
        j.append(String.format(Locale.ROOT, "{\"dims\": [%d, %d, %d], \"labels\": \"%s\", \"image\": \"%s\", \"dtype\": \"%s\", "
                + "\"slope\": %s, \"intercept\": %s, \"results\": [", d.nx(), d.ny(), d.nz(), labels, image, dtype,
                num(img.rescale().slope()), num(img.rescale().intercept())));
        for (int c = 0; c < s.size(); c++) {
            LabelVoxels v = s.voxels(c);
            LabelIntensity li = s.intensity(c);
            var ci = v.centroidIndex();
            j.append(c == 0 ? "" : ", ").append(String.format(Locale.ROOT,
                    "{\"label\": %d, \"count\": %d, \"centroid\": [%s, %s, %s], \"bbox\": [%d, %d, %d, %d, %d, %d], \"n\": %d, "
                    + "\"mean\": %s, \"std\": %s, \"min\": %s, \"max\": %s, \"p50\": %s, \"p05\": %s, \"p95\": %s}",
                    v.label(), v.count(), num(ci.x), num(ci.y), num(ci.z), v.iMin(), v.iMax(), v.jMin(), v.jMax(), v.kMin(),
                    v.kMax(), li.count(), num(li.mean()), num(li.std()), num(li.min()), num(li.max()), num(li.percentile(0.5)),
                    num(li.percentile(0.05)), num(li.percentile(0.95))));
        }
        j.append("]}");
        Path meta = dir.resolve("meta.json");
        Files.writeString(meta, j.toString());
        return meta;
    }

    private static String num(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "null";
    }
}
