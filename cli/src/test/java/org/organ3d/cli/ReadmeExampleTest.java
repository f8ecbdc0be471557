package org.organ3d.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.testdata.phantom.AbdominalPhantom;
import org.organ3d.testdata.phantom.PhantomGenerator;
import org.organ3d.testdata.phantom.PhantomGrid;
import org.organ3d.testdata.phantom.PhantomStudyFiles;
import org.organ3d.testkit.Processes;

/**
 * The README's library example exactly as the README shows it — imports, class and all — compiled
 * with javac against organ3d and run in its own JVM on the small phantom study: it must print the
 * liver's volume within 2 % of the phantom's truth and write the bones' STL.
 */
class ReadmeExampleTest {

    /** The first {@code java} block after the "## Library example" heading of the README. */
    static String readmeExample() throws Exception {
        Path here = Path.of("").toAbsolutePath();
        Path root = Files.exists(here.resolve("README.md")) ? here : here.getParent();
        String readme = Files.readString(root.resolve("README.md"), StandardCharsets.UTF_8);
        int section = readme.indexOf("## Library example");
        assertTrue(section >= 0, "README has no '## Library example'");
        int start = readme.indexOf("```java\n", section) + "```java\n".length();
        return readme.substring(start, readme.indexOf("```", start));
    }

    @Test
    void readmeExampleCompilesRunsAndMeasuresTheLiver(@TempDir Path dir) throws Exception {
        String src = readmeExample();
        Matcher cls = Pattern.compile("public final class (\\w+)").matcher(src);
        assertTrue(cls.find(), "the example is a complete class: " + src);
        assertTrue(src.contains("import ") && src.contains("try (Pipeline"), "imports and try-with-resources shown");
        Path source = dir.resolve("src").resolve(cls.group(1) + ".java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, src, StandardCharsets.UTF_8);
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path classes = dir.resolve("classes");
        String bin = Path.of(System.getProperty("java.home"), "bin").toString();
        Processes.run(List.of(bin + "/javac", "--release", "17", "-encoding", "UTF-8", "-cp", cp, "-d", classes.toString(),
                source.toString()), dir, Duration.ofMinutes(2)).assertOk("javac of the README example");

        Path demo = dir.resolve("organ3d-demo");
        PhantomStudyFiles.write(PhantomGenerator.generate(PhantomGrid.SMALL), demo.resolve("study"));
        Processes.Run run = Processes.run(List.of(bin + "/java", "-Xmx1g", "-Dfile.encoding=UTF-8", "-cp",
                classes + File.pathSeparator + cp, cls.group(1)), dir, Duration.ofMinutes(3)).assertOk("the README example");
        Matcher liver = Pattern.compile("liver ([0-9.]+) cm³ \\(voxels\\), ([0-9.]+) cm³ \\(surface\\), mean (-?[0-9]+) HU")
                .matcher(run.out());
        assertTrue(liver.find(), run.out());
        double truth = new AbdominalPhantom().truths(PhantomGrid.SMALL).get(0).volumeMm3() / 1000;
        assertEquals(truth, Double.parseDouble(liver.group(1)), 0.02 * truth, "voxel volume: " + run.out());
        assertEquals(truth, Double.parseDouble(liver.group(2)), 0.03 * truth, "surface volume: " + run.out());
        assertTrue(Files.size(dir.resolve("bones.stl")) > 84, "bones.stl written");
    }
}
