package org.organ3d.cohort;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.organ3d.inference.Device;
import org.organ3d.inference.InferenceOptions;
import org.organ3d.inference.InferenceResult;
import org.organ3d.inference.ModelOptions;
import org.organ3d.inference.ModelSegmentation;
import org.organ3d.inference.SegmentationModel;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Volume;

/**
 * The segmentation networks of a {@code "model"} plan on an executor: each is opened once per JVM
 * (an ONNX Runtime session: loading a model can take seconds and hundreds of MB) and shared by the
 * executor's tasks, which run it at once (sessions accept concurrent runs). Single-channel models
 * only: a cohort row names one image. Thread-safe.
 */
final class StudyModels {

    private static final Map<CohortPlan.Model, SegmentationModel> OPEN = new ConcurrentHashMap<>();

    private StudyModels() {
    }

    /**
     * The labels the model gives {@code image} (on its grid, named by the model card).
     *
     * @param taskThreads the task's threads, for ONNX Runtime when the plan does not say
     */
    static LabelMap segment(Volume image, CohortPlan.Model plan, int taskThreads) throws IOException {
        SegmentationModel m = model(plan, taskThreads);
        if (m.card().channels() != 1) {
            throw new IOException(plan.card() + ": the model takes " + m.card().channels() + " input channels, and a cohort "
                    + "study has one image (multi-channel models are run with organ3d segment --model --channel)");
        }
        InferenceResult r = ModelSegmentation.run(List.of(image), m,
                new InferenceOptions(plan.overlap(), plan.tta(), plan.batch(), null, null));
        return r.labels();
    }

    private static SegmentationModel model(CohortPlan.Model plan, int taskThreads) throws IOException {
        SegmentationModel m = OPEN.get(plan);
        if (m != null) {
            return m;
        }
        synchronized (OPEN) {
            m = OPEN.get(plan);
            if (m == null) {
                int threads = plan.threads() > 0 ? plan.threads() : taskThreads;
                m = SegmentationModel.open(plan.onnx(), plan.card(), new ModelOptions(Device.parse(plan.device()), threads));
                OPEN.put(plan, m);
            }
            return m;
        }
    }

    /** Closes every model of this JVM (the driver calls it after a local-mode job). */
    static void closeAll() {
        synchronized (OPEN) {
            OPEN.values().forEach(SegmentationModel::close);
            OPEN.clear();
        }
    }
}
