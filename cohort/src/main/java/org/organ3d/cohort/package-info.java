/**
 * The cohort job: organ volumetry over thousands of studies as an Apache Spark job, the same code on
 * a laptop (Spark local mode inside {@code organ3d cohort}) and on a cluster (spark-submit of the job
 * jar, {@link org.organ3d.cohort.JobMain}). A manifest of studies in; per study one task that reads,
 * labels (the manifest's label maps, SEG or RTSTRUCT, or a segmentation plan), measures and optionally
 * meshes; per-label measurements out as Parquet with a failures table and a run summary. Idempotent:
 * every study's output is a partition keyed by its inputs and the plan, written atomically, so
 * reruns skip finished studies. See docs/cohort.md. Entry point for code: {@link
 * org.organ3d.cohort.CohortJob#run}.
 */
package org.organ3d.cohort;
