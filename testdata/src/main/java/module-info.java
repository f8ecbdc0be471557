/** Phantom studies with exact truths (volumes, centroids, diameters) and small public fixtures. */
module org.organ3d.testdata {
    requires transitive org.organ3d.core;

    exports org.organ3d.testdata.phantom;
}
