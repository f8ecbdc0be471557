package org.organ3d.cohort;

import java.util.Locale;

/**
 * The memory one study needs, and the check that keeps a task within its share of the executor's
 * heap (docs/cohort.md, "Memory per task").
 *
 * <p>A task holds one study at a time. Its peak heap is about {@link #bytesPerVoxel} bytes per
 * voxel of the image plus {@link #FIXED_BYTES}: the image (2 bytes a voxel for 16-bit CT), the
 * label map (1–2), and the largest working set of the plan's passes on top of them (segmentation:
 * masks of one byte a voxel and 4-byte component labels; measurement: the label runs and the
 * surfaces of one label at a time). The constants are upper bounds read off measured peaks
 * (benchmarks/scripts/cohort_bench.sh prints them) with a margin.
 *
 * <p>A task's share is the executor's maximum heap divided by the tasks it runs at once. A study
 * whose estimate exceeds the share fails at the read stage with the numbers and what to change,
 * before its pixels are decoded (DICOM: the size comes from the headers) or right after (other
 * formats), instead of taking the executor down with an {@link OutOfMemoryError}. Stateless.
 */
final class TaskMemory {

    /**
     * System property that turns the check off ({@code -Dorgan3d.cohort.memoryCheck=false}): for measuring
     * what a study really needs (benchmarks/scripts/cohort_bench.sh memory), or when the estimate is known
     * to be too cautious for a plan.
     */
    static final String CHECK_PROPERTY = "organ3d.cohort.memoryCheck";

    /** Heap besides the voxels: code, caches, a study's meshes and rows. */
    static final long FIXED_BYTES = 64L << 20;

    private TaskMemory() {
    }

    /** Peak bytes per image voxel of a plan (see the class comment). */
    static double bytesPerVoxel(CohortPlan plan) {
        // NB: measured peaks (cohort_bench.sh, 512x512x200 int16): labels from the manifest ~6 B/voxel,
        // bone preset segmentation ~9 B/voxel; the constants keep a 2x margin for label maps of many labels
        // and morphology (two masks and a distance map at once)
        return switch (plan.source()) {
            case MANIFEST -> 12;
            case SEGMENT -> 24;
            // NB: not measured: the network's output probabilities are float per class and voxel on the model grid
            case MODEL -> 48;
        };
    }

    /** The bytes a study of {@code voxels} needs under {@code plan}. */
    static long estimate(long voxels, CohortPlan plan) {
        return (long) Math.ceil(voxels * bytesPerVoxel(plan)) + FIXED_BYTES;
    }

    /** One task's share of this JVM's maximum heap when {@code slots} tasks run at once. */
    static long share(int slots) {
        return Runtime.getRuntime().maxMemory() / Math.max(1, slots);
    }

    /**
     * Refuses a study that is larger than the plan allows or than the task's share of the heap.
     *
     * @throws StudyTooLargeException with the sizes and the settings to change
     */
    static void check(long voxels, CohortPlan plan, int slots) throws StudyTooLargeException {
        if (voxels > plan.maxVoxels()) {
            throw new StudyTooLargeException(String.format(Locale.ROOT,
                    "%d voxels is more than the plan's maxVoxels %d", voxels, plan.maxVoxels()));
        }
        long need = estimate(voxels, plan);
        long share = share(slots);
        if (need > share && !"false".equals(System.getProperty(CHECK_PROPERTY))) {
            throw new StudyTooLargeException(String.format(Locale.ROOT,
                    "%d voxels need about %d MiB, and this task's share of the executor heap is %d MiB (%d MiB / %d tasks "
                            + "at once): raise spark.executor.memory (or the organ3d command's -Xmx), or run fewer tasks per "
                            + "executor", voxels, need >> 20, share >> 20, Runtime.getRuntime().maxMemory() >> 20, slots));
        }
    }

    /** A study too large for the plan or for a task's memory. */
    static final class StudyTooLargeException extends Exception {
        private static final long serialVersionUID = 1L;

        StudyTooLargeException(String message) {
            super(message);
        }
    }
}
