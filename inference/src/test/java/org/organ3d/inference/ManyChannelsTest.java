package org.organ3d.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ShortBuffer;
import org.junit.jupiter.api.Test;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Spacing;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * Done-when (c): a model with 105 output channels (logit_c = 2·m_c·x − m_c², m_c = 10c + 5.5, whose
 * argmax is the centre m_c nearest to x) gives exactly the nearest-centre labels. The normal run uses
 * 256×256×48; {@code -Dorgan3d.inference.full=true} runs the 512×512×400 (see
 * benchmarks/scripts/inference_many_channels.sh, which runs it within -Xmx4g).
 */
class ManyChannelsTest {

    @Test
    void nearestCentreLabels() throws Exception {
        boolean full = Boolean.getBoolean("organ3d.inference.full");
        Dimensions d = full ? new Dimensions(512, 512, 400) : new Dimensions(256, 256, 48);
        String patch = full ? "[128, 128, 16]" : "[128, 128, 16]";
        StringBuilder labels = new StringBuilder("{");
        for (int c = 1; c < 105; c++) {
            labels.append(c > 1 ? ", " : "").append('"').append(c).append("\": \"class ").append(c).append('"');
        }
        ModelCard card = TestModels.parse(TestModels.card(patch, "logits", labels.append('}').toString(), "\"overlap\": 0.0"));
        Volume v = ramp(d);
        try (SegmentationModel m = SegmentationModel.open(TestModels.model("bins105.onnx"), card, ModelOptions.defaults())) {
            long t0 = System.nanoTime();
            InferenceResult r = ModelSegmentation.run(v, m, InferenceOptions.defaults());
            long t1 = System.nanoTime();
            System.out.printf("ManyChannelsTest %s: %d patches, %.1f s (model %.1f s), max heap %d MiB%n", d, r.patches(),
                    (t1 - t0) / 1e9, r.modelSeconds(), Runtime.getRuntime().maxMemory() >> 20);
            LabelMap l = r.labels();
            int[] nearest = new int[1050];
            for (int x = 0; x < nearest.length; x++) {
                for (int c = 1; c < 105; c++) {
                    if (Math.abs(x - (10.0 * c + 5.5)) < Math.abs(x - (10.0 * nearest[x] + 5.5))) {
                        nearest[x] = c;
                    }
                }
            }
            int[] seen = new int[105];
            for (int k = 0; k < d.nz(); k++) {
                java.nio.ShortBuffer s = (java.nio.ShortBuffer) v.slice(k);
                java.nio.ByteBuffer b = (java.nio.ByteBuffer) l.labels().slice(k);
                for (int x = 0; x < d.sliceSize(); x++) {
                    int want = nearest[s.get(x)];
                    if ((b.get(x) & 0xFF) != want) {
                        assertEquals(want, b.get(x) & 0xFF, "voxel " + x % d.nx() + "," + x / d.nx() + "," + k + " value " + s.get(x));
                    }
                    seen[want]++;
                }
            }
            for (int c = 0; c < 105; c++) {
                assertEquals(true, seen[c] > 0, "class " + c + " occurs");
            }
        }
    }

    /** x = (3i + 2j + 5k) mod 1050 as int16: every class, a boundary every few voxels along every axis. */
    static Volume ramp(Dimensions d) {
        Volume.Builder b = Volume.builder(d, VoxelType.INT16, Geometry.axisAligned(new Spacing(0.7, 0.7, 1.0)));
        for (int k = 0; k < d.nz(); k++) {
            ShortBuffer s = b.shortsForWriting(k);
            for (int j = 0; j < d.ny(); j++) {
                for (int i = 0; i < d.nx(); i++) {
                    s.put(j * d.nx() + i, (short) ((short) ((3 * i + 2 * j + 5 * k) % 1050)));
                }
            }
        }
        return b.build();
    }
}
