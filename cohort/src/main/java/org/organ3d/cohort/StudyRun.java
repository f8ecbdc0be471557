package org.organ3d.cohort;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import org.organ3d.compute.ComputeBackend;
import org.organ3d.compute.ComputeBackends;
import org.organ3d.io.LoadedImage;
import org.organ3d.io.ReadOptions;
import org.organ3d.io.dicom.ReferencingFormat;
import org.organ3d.measure.LabelMeasurement;
import org.organ3d.measure.LabelSurfaces;
import org.organ3d.mesh.WindowedSincSmoothing;
import org.organ3d.mesh.io.ExportOptions;
import org.organ3d.parallel.Parallelism;
import org.organ3d.pipeline.MeasureOptions;
import org.organ3d.pipeline.Pipeline;
import org.organ3d.pipeline.Surfaces;
import org.organ3d.segment.SegmentationPlan;
import org.organ3d.volume.LabelInfo;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Volume;

/**
 * One study, start to finish, in one Spark task: identify its inputs and skip it when its output is
 * complete; else read → labels (the manifest's, or segmented) → measure → meshes → write its
 * partition. Any error of any stage (an exception, running out of memory, a stack overflow) ends
 * the study, never the job: it is recorded in the failures table with the stage, the error class and
 * the message, and the task returns normally.
 *
 * <p>Stages, in order (names as in the failures table and the summary): {@code manifest} (the row
 * itself is unusable), {@code read} (identify the inputs, check the size, read the image; a DICOMweb
 * image is first fetched into the executor's series cache, {@code fetch}), {@code labels} (read the
 * label map, SEG or RTSTRUCT), {@code segment} or {@code model}, {@code measure}, {@code meshes},
 * {@code write}.
 *
 * <p>Threads: the study's passes run in a fork-join pool of {@link JobSpec#threadsPerTask()} threads
 * made for the task, on the executor's shared compute backend ({@link ExecutorResources}). Memory:
 * {@link TaskMemory}.
 */
final class StudyRun {

    private final Study study;
    private final JobSpec spec;
    private final CohortPlan plan;
    private final CohortOutput output;
    private final Map<String, Double> seconds = new LinkedHashMap<>();
    private String stage = "manifest";
    private long stageStart;
    private String seriesUid;
    private final List<String> warnings = new ArrayList<>();

    private StudyRun(Study study, JobSpec spec) {
        this.study = study;
        this.spec = spec;
        this.plan = CohortPlan.parse(spec.planJson(), Path.of("").toAbsolutePath(), false);
        this.output = new CohortOutput(Path.of(spec.out()));
    }

    /** Runs {@code study}; never throws for a problem of the study (only when its failure cannot be recorded). */
    static StudyOutcome run(Study study, JobSpec spec) throws IOException {
        return new StudyRun(study, spec).run();
    }

    private StudyOutcome run() throws IOException {
        long t0 = System.nanoTime();
        String key = null;
        ComputeBackend backend = null;
        try {
            if (study.problem() != null) {
                // NB: keyed by the problem, so that a rerun of the same manifest does not record it again
                key = StudyKeys.studyKey(spec.planHash(), study, "manifest\n" + study.problem(), null);
                if (!spec.retryFailed() && CohortOutput.complete(output.failures(), key)) {
                    return skipped(key, StudyOutcome.Status.FAILED_BEFORE, t0);
                }
                throw new InvalidStudyException(study.problem());
            }
            enter("read");
            ReadOptions read = ReadOptions.builder().strict(plan.strict()).build();
            boolean remote = StudyInputs.isUrl(study.image());
            Path image = remote ? null : Path.of(study.image());
            StudyKeys.ImageIdentity id;
            String labelsKey = null;
            try {
                id = remote ? StudyInputs.urlIdentity(study.image()) : StudyKeys.image(image, study.series(), read);
                seriesUid = id.seriesUid();
            } catch (IOException | RuntimeException e) {
                // NB: an input that cannot be identified is keyed by its file listing (or URL), so that its
                // failure stands until the files change
                key = StudyKeys.studyKey(spec.planHash(), study, remote ? "url\n" + study.image() : StudyKeys.listingKey(image),
                        null);
                if (!spec.retryFailed() && CohortOutput.complete(output.failures(), key)) {
                    return skipped(key, StudyOutcome.Status.FAILED_BEFORE, t0);
                }
                throw e;
            }
            if (study.labels() != null) {
                Path lp = Path.of(study.labels());
                try {
                    labelsKey = StudyKeys.contentKey(lp);
                } catch (IOException | RuntimeException e) {
                    key = StudyKeys.studyKey(spec.planHash(), study, id.key(), StudyKeys.listingKey(lp));
                    if (!spec.retryFailed() && CohortOutput.complete(output.failures(), key)) {
                        return skipped(key, StudyOutcome.Status.FAILED_BEFORE, t0);
                    }
                    stage = plan.source() == CohortPlan.LabelSource.MANIFEST ? "labels" : "read";
                    throw e;
                }
            }
            key = StudyKeys.studyKey(spec.planHash(), study, id.key(), labelsKey);
            if (CohortOutput.complete(output.measurements(), key)) {
                return skipped(key, StudyOutcome.Status.DONE_BEFORE, t0);
            }
            if (!spec.retryFailed() && CohortOutput.complete(output.failures(), key)) {
                return skipped(key, StudyOutcome.Status.FAILED_BEFORE, t0);
            }
            if (id.voxels() >= 0) {
                TaskMemory.check(id.voxels(), plan, spec.slots());
            }
            backend = ExecutorResources.backend(spec.backend());
            if (remote) {
                enter("fetch");
                image = StudyInputs.fetch(study.image());
                enter("read");
            }
            List<Object[]> rows = inPool(backend, image, read, key);
            enter("write");
            writeMeasurements(key, rows);
            enter(null);
            return new StudyOutcome(study.studyId(), key, StudyOutcome.Status.MEASURED, rows.size(), ranOn(backend), null,
                    null, null, seconds, (System.nanoTime() - t0) * 1e-9);
        } catch (Exception | OutOfMemoryError | StackOverflowError | LinkageError e) {
            return failed(key, e, backend, t0);
        }
    }

    /**
     * The stages after the key, through the shared pipeline (core's {@link Pipeline}: one backend, one
     * pool, one set of read options for every step) on a fork-join pool of the task's threads.
     */
    private List<Object[]> inPool(ComputeBackend backend, Path imagePath, ReadOptions read, String key) throws Exception {
        ForkJoinPool pool = new ForkJoinPool(spec.threadsPerTask());
        ReadOptions imageRead = study.series() == null ? read : read.toBuilder().seriesUid(study.series()).build();
        try (Pipeline p = Pipeline.builder().backend(backend).pool(pool).readOptions(imageRead).build()) {
            return stages(p, imagePath, read, imageRead, key);
        } finally {
            pool.shutdownNow();
        }
    }

    private List<Object[]> stages(Pipeline p, Path imagePath, ReadOptions read, ReadOptions imageRead, String key)
            throws Exception {
        // NB: a DICOM image whose labels are given and whose intensities are not wanted is not decoded:
        // its headers give the grid the labels must lie on
        boolean needVoxels = plan.source() != CohortPlan.LabelSource.MANIFEST || plan.intensity() || study.labels() == null
                || !StudyKeys.isDicom(imagePath);
        Volume image = null;
        if (needVoxels) {
            LoadedImage img = p.readImage(imagePath);
            img.warningMessages().forEach(warnings::add);
            image = img.volume();
            TaskMemory.check(image.dimensions().voxelCount(), plan, spec.slots());
        }
        LabelMap labels;
        if (plan.source() == CohortPlan.LabelSource.SEGMENT) {
            enter("segment");
            SegmentationPlan sp = plan.segmentation().orElseThrow();
            SegmentationPlan.Result r = p.segment(image, sp);
            warnings.addAll(r.warnings());
            labels = r.labels().withInfo(Map.of(sp.label(), new LabelInfo(sp.label(), "segment", LabelInfo.defaultColor(sp.label()))));
        } else if (plan.source() == CohortPlan.LabelSource.MODEL) {
            enter("model");
            Volume ct = image;
            labels = Parallelism.call(p.pool().orElseThrow(), () -> StudyModels.segment(ct, plan.model().orElseThrow(),
                    spec.threadsPerTask()));
        } else {
            enter("labels");
            if (study.labels() == null) {
                throw new InvalidStudyException("the plan measures the manifest's labels, and this row has none");
            }
            Path lp = Path.of(study.labels());
            ReadOptions lo = ReferencingFormat.claims(lp) ? read.toBuilder().reference(imagePath).build() : read;
            LoadedImage li;
            try (Pipeline labelReader = Pipeline.builder().backend(p.backend()).pool(p.pool().orElseThrow()).readOptions(lo).build()) {
                li = labelReader.read(lp);
            }
            li.warningMessages().forEach(warnings::add);
            labels = li.asLabelMap();
            StudyInputs.checkSameGrid(labels, image != null ? StudyInputs.grid(image) : StudyInputs.grid(imagePath, imageRead), lp,
                    imagePath);
        }
        enter("measure");
        Set<Integer> only = plan.labels();
        MeasureOptions mo = MeasureOptions.defaults().withLabels(only);
        if (plan.intensity()) {
            mo = mo.withImage(image);
        }
        if (!plan.surfaces()) {
            mo = mo.withoutSurfaces();
        } else {
            LabelSurfaces surfaces = LabelSurfaces.indicatorIsoSurface(p.backend());
            if (plan.smooth() != 0) {
                surfaces = LabelSurfaces.smoothed(surfaces, WindowedSincSmoothing.Options.defaults().withIterations(plan.smooth()));
            }
            mo = mo.withSurfaces(surfaces);
        }
        List<LabelMeasurement> ms = p.measure(labels, mo);
        String ran = ranOn(p.backend());
        String warned = warnings.isEmpty() ? null : String.join("; ", warnings);
        List<Object[]> rows = new ArrayList<>();
        List<Column> cols = Tables.measurements(spec.carried());
        for (LabelMeasurement m : ms) {
            Object[] row = new Object[cols.size()];
            row[0] = study.studyId();
            row[1] = seriesUid;
            row[2] = spec.planHash();
            row[3] = ran;
            row[4] = warned;
            Object[] v = MeasurementColumns.values(m);
            System.arraycopy(v, 0, row, Tables.MEASUREMENT_KEYS.size(), v.length);
            int c0 = Tables.MEASUREMENT_KEYS.size() + v.length;
            for (int i = 0; i < study.carried().size(); i++) {
                row[c0 + i] = study.carried().get(i);
            }
            rows.add(row);
        }
        if (plan.meshes().isPresent()) {
            enter("meshes");
            writeMeshes(p, labels, only, key);
        }
        return rows;
    }

    private void writeMeshes(Pipeline p, LabelMap labels, Set<Integer> only, String key) throws IOException {
        CohortPlan.Meshes mp = plan.meshes().orElseThrow();
        Surfaces s = p.labelSurfaces(labels, only, mp.post());
        Path work = output.newWorkFolder(key);
        p.writeMeshes(work.resolve("labels." + mp.format()), p.named(s, labels), ExportOptions.in(mp.coordinates()));
        CohortOutput.commit(work, output.meshes(key), true);
    }

    private void writeMeasurements(String key, List<Object[]> rows) throws IOException {
        Path work = output.newWorkFolder(key);
        ParquetTables.write(work.resolve(CohortOutput.PART), Tables.measurements(spec.carried()), rows, meta());
        CohortOutput.commit(work, CohortOutput.partition(output.measurements(), key), false);
        CohortOutput.deleteTree(CohortOutput.partition(output.failures(), key));
    }

    private StudyOutcome failed(String key, Throwable e, ComputeBackend backend, long t0) throws IOException {
        String failedStage = stage;
        enter(null);
        double total = (System.nanoTime() - t0) * 1e-9;
        String message = message(e);
        if (key == null) {
            key = StudyKeys.studyKey(spec.planHash(), study, StudyKeys.listingKey(Path.of(study.image() == null ? "" : study.image())),
                    null);
        }
        List<Column> cols = Tables.failures(spec.carried());
        Object[] row = new Object[cols.size()];
        row[0] = study.studyId();
        row[1] = failedStage;
        row[2] = e.getClass().getName();
        row[3] = message;
        row[4] = seriesUid;
        row[5] = spec.planHash();
        row[6] = study.image();
        row[7] = study.labels();
        row[8] = total;
        for (int i = 0; i < study.carried().size(); i++) {
            row[Tables.FAILURE_KEYS.size() + i] = study.carried().get(i);
        }
        Path work = output.newWorkFolder(key);
        ParquetTables.write(work.resolve(CohortOutput.PART), cols, List.<Object[]>of(row), meta());
        CohortOutput.commit(work, CohortOutput.partition(output.failures(), key), true);
        return new StudyOutcome(study.studyId(), key, StudyOutcome.Status.FAILED, 0, backend == null ? null : ranOn(backend),
                failedStage, e.getClass().getName(), message, seconds, total);
    }

    private StudyOutcome skipped(String key, StudyOutcome.Status status, long t0) {
        enter(null);
        return new StudyOutcome(study.studyId(), key, status, 0, null, null, null, null, seconds, (System.nanoTime() - t0) * 1e-9);
    }

    /** One line: the message (or the class when there is none), control characters as spaces, at most 2000 chars. */
    private String message(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            m = e instanceof OutOfMemoryError ? "out of memory" : e.getClass().getSimpleName();
        }
        if (e instanceof OutOfMemoryError) {
            m += String.format(Locale.ROOT, " (this task's share of the executor heap is %d MiB; docs/cohort.md, memory per task)",
                    TaskMemory.share(spec.slots()) >> 20);
        }
        m = m.replaceAll("\\s*\\R\\s*", " ").replaceAll("\\p{Cntrl}", " ");
        return m.length() <= 2000 ? m : m.substring(0, 1997) + "...";
    }

    private Map<String, String> meta() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("organ3d.output_version", CohortPlan.OUTPUT_VERSION);
        m.put("organ3d.plan_hash", spec.planHash());
        m.put("organ3d.plan", plan.json());
        return m;
    }

    private static String ranOn(ComputeBackend b) {
        return ComputeBackends.ranOn(b);
    }

    /** Ends the current stage (booking its time) and starts {@code next} (null: none). */
    private void enter(String next) {
        long now = System.nanoTime();
        if (stage != null && stageStart != 0) {
            seconds.merge(stage, (now - stageStart) * 1e-9, Double::sum);
        }
        if (next != null) {
            stage = next;
        }
        stageStart = next == null ? 0 : now;
    }

    /** A manifest row or study that cannot be processed as given (named in the failures table). */
    static final class InvalidStudyException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidStudyException(String message) {
            super(message);
        }
    }
}
