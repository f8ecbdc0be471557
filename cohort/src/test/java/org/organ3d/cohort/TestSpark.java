package org.organ3d.cohort;

import org.apache.spark.sql.SparkSession;

/**
 * One Spark local-mode session (local[2]) for every test class of the module: starting Spark takes
 * seconds, so the test JVM starts it once; Spark's shutdown hook stops it when the JVM ends. The
 * cohort job takes it as it takes spark-submit's session (master null).
 */
final class TestSpark {

    private static SparkSession session;

    private TestSpark() {
    }

    static synchronized SparkSession session() {
        if (session == null) {
            session = CohortJob.localSession("local[2]");
        }
        return session;
    }
}
