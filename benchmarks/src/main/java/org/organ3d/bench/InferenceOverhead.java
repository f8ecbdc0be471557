package org.organ3d.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.organ3d.inference.InferenceOptions;
import org.organ3d.inference.InferenceResult;
import org.organ3d.inference.ModelCard;
import org.organ3d.inference.ModelCards;
import org.organ3d.inference.ModelOptions;
import org.organ3d.inference.ModelSegmentation;
import org.organ3d.inference.SegmentationModel;
import org.organ3d.testdata.phantom.PhantomGenerator;
import org.organ3d.testdata.phantom.PhantomGrid;
import org.organ3d.volume.Volume;

/**
 * organ3d's overhead around an ONNX model (issue 17: total within 1.3× of the model's own run time
 * summed over the patches): runs the two-layer convolution network of the inference tests
 * ({@code conv.onnx}, made by make_models.py) by sliding window (nnU-Net's defaults: overlap 0.5,
 * Gaussian blending) on the abdominal phantom CT, WARMUP times untimed, then REPEAT times, and prints
 * per run the total wall time, the time inside ONNX Runtime ({@link InferenceResult#modelSeconds()})
 * and their ratio, then one JSON line with the medians.
 *
 * <p>Usage: {@code InferenceOverhead MODELS_DIR small|full REPEAT WARMUP [PATCH_X,PATCH_Y,PATCH_Z] [threads]}
 */
public final class InferenceOverhead {

    private InferenceOverhead() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 4) {
            System.err.println("usage: InferenceOverhead MODELS_DIR small|full REPEAT WARMUP [PX,PY,PZ] [threads]");
            System.exit(2);
        }
        Path models = Path.of(args[0]);
        PhantomGrid grid = "full".equals(args[1]) ? PhantomGrid.FULL : PhantomGrid.SMALL;
        int repeat = Integer.parseInt(args[2]);
        int warmup = Integer.parseInt(args[3]);
        String patch = args.length > 4 ? args[4] : "96,96,48";
        int threads = args.length > 5 ? Integer.parseInt(args[5]) : 0;
        Volume ct = PhantomGenerator.generate(grid).ct();
        ModelCard card = ModelCards.parse("{\"name\": \"conv\", \"inputSpacingMm\": null, \"patchSize\": [" + patch
                + "], \"tensorAxes\": \"zyx\", \"normalization\": {\"type\": \"ct\", \"clip\": [-1000, 1000], \"mean\": 50, "
                + "\"std\": 200}, \"output\": \"logits\", \"labels\": {\"1\": \"one\"}, \"overlap\": 0.5}", null);
        try (SegmentationModel m = SegmentationModel.open(models.resolve("conv.onnx"), card,
                ModelOptions.defaults().withThreads(threads))) {
            for (int w = 0; w < warmup; w++) {
                ModelSegmentation.run(ct, m, InferenceOptions.defaults());
            }
            double[] total = new double[repeat];
            double[] model = new double[repeat];
            double[] ratio = new double[repeat];
            int patches = 0;
            for (int r = 0; r < repeat; r++) {
                InferenceResult res = ModelSegmentation.run(ct, m, InferenceOptions.defaults());
                total[r] = res.seconds();
                model[r] = res.modelSeconds();
                ratio[r] = total[r] / model[r];
                patches = res.patches();
                System.err.printf(Locale.ROOT, "run %d: total %.3f s, model %.3f s, ratio %.3f%n", r + 1, total[r], model[r], ratio[r]);
            }
            System.out.printf(Locale.ROOT, "{\"volume\": \"%s\", \"patch\": [%s], \"patches\": %d, \"totalMedianS\": %.4f, "
                    + "\"modelMedianS\": %.4f, \"ratioMedian\": %.4f, \"ratioBest\": %.4f, \"cores\": %d}%n", ct.dimensions(), patch,
                    patches, median(total), median(model), median(ratio), Arrays.stream(ratio).min().orElse(0),
                    Runtime.getRuntime().availableProcessors());
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
