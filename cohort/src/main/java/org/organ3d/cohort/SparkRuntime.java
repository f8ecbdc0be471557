package org.organ3d.cohort;

import java.io.IOException;
import java.util.List;

/**
 * What the cohort job needs of the JVM it runs in when that JVM is not started by spark-submit (the
 * organ3d command): Spark on the class path and the {@code --add-opens} flags Java 17 needs for it.
 * Refers to no Spark class, so it can say that Spark is missing. Stateless.
 */
public final class SparkRuntime {

    /**
     * The JVM flags Spark 3.5 needs on Java 17 (the list of its own launcher, {@code JavaModuleOptions}):
     * a JVM that runs Spark without spark-submit (the organ3d command) must be started with them.
     */
    public static final List<String> JAVA17_FLAGS = List.of(
            "-XX:+IgnoreUnrecognizedVMOptions",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "-Djdk.reflect.useDirectMethodHandle=false");

    private SparkRuntime() {
    }

    /**
     * Checks that this JVM can run Spark.
     *
     * @throws IOException naming what is missing and what to do
     */
    public static void check() throws IOException {
        try {
            Class.forName("org.apache.spark.sql.SparkSession", false, SparkRuntime.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IOException("Apache Spark is not on the class path: run the command through the organ3d launcher "
                    + "(it adds Spark 3.5's jars for cohort), or spark-submit the job jar (docs/cohort.md)");
        }
        if (!Object.class.getModule().isOpen("sun.nio.ch", SparkRuntime.class.getModule())) {
            throw new IOException("Java 17 needs --add-opens flags for Spark (java.base/sun.nio.ch and others, "
                    + "docs/cohort.md): run the command through the organ3d launcher, which passes them");
        }
    }
}
