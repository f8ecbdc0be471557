package org.organ3d.testkit;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs every input of the fuzz targets' corpora (the committed Inputs folders and the working corpus
 * a campaign left in {@code target/fuzz/corpus}) through the targets once, without Jazzer, so that a
 * coverage agent (JaCoCo, see {@code scripts/fuzz-coverage.sh}) measures which lines and branches of
 * the readers the corpus reaches. Outcomes are counted, not judged: the campaign judged them.
 *
 * <p>Arguments: {@code REGEX} on {@code Class#method} (default all), run in a module's folder.
 */
public final class CorpusReplay {

    private CorpusReplay() {
    }

    public static void main(String[] args) throws Exception {
        Pattern filter = Pattern.compile(args.length > 0 ? args[0] : ".*");
        Path module = Path.of("").toAbsolutePath();
        for (String t : FuzzCampaign.targets(module.resolve("target/test-classes"), filter)) {
            String cls = t.substring(0, t.indexOf('#'));
            String name = t.substring(t.indexOf('#') + 1);
            Class<?> c = Class.forName(cls);
            Method m = c.getDeclaredMethod(name, byte[].class);
            m.setAccessible(true);
            Constructor<?> k = c.getDeclaredConstructor();
            k.setAccessible(true);
            Object target = k.newInstance();
            List<Path> inputs = new ArrayList<>();
            inputs.addAll(files(committed(c, name)));
            inputs.addAll(files(module.resolve("target/fuzz/corpus").resolve(cls).resolve(name)));
            int failed = 0;
            for (Path in : inputs) {
                try {
                    m.invoke(target, (Object) Files.readAllBytes(in));
                } catch (InvocationTargetException e) {
                    failed++;
                }
            }
            System.out.printf("replay %-58s %7d inputs, %d failed%n", t, inputs.size(), failed);
        }
        // NB: the JaCoCo agent writes its file at exit; daemon threads (a J2K watchdog's) must not hold it up
        System.exit(0);
    }

    private static Path committed(Class<?> c, String method) throws URISyntaxException {
        URL u = c.getResource(c.getSimpleName() + "Inputs/" + method);
        return u == null || !"file".equals(u.getProtocol()) ? null : Path.of(u.toURI());
    }

    private static List<Path> files(Path dir) throws IOException {
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
