package org.organ3d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package drawing of core has no cycle: package A uses package B (an import, or a qualified
 * name in code; comments and strings do not count) and B uses A never both hold, also through
 * longer loops. {@code volume} uses nothing but itself and {@code parallel} nothing at all.
 */
class PackageCyclesTest {

    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern USE = Pattern.compile("\\b(org\\.organ3d(?:\\.[a-z]\\w*)+)\\.[A-Z]");

    static Map<String, Set<String>> uses(Path sources) throws IOException {
        Map<String, Set<String>> edges = new TreeMap<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                if (f.getFileName().toString().equals("module-info.java")) {
                    continue;
                }
                String s = Files.readString(f).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "")
                        .replaceAll("\"(?:\\\\.|[^\"\\\\])*\"", "\"\"");
                Matcher p = PACKAGE.matcher(s);
                if (!p.find()) {
                    continue;
                }
                String pkg = p.group(1);
                Set<String> out = edges.computeIfAbsent(pkg, k -> new TreeSet<>());
                Matcher u = USE.matcher(s);
                while (u.find()) {
                    if (!u.group(1).equals(pkg)) {
                        out.add(u.group(1));
                    }
                }
            }
        }
        return edges;
    }

    /** Strongly connected components of more than one package (Tarjan). */
    static List<Set<String>> cycles(Map<String, Set<String>> edges) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        List<Set<String>> out = new ArrayList<>();
        for (String v : edges.keySet()) {
            if (!index.containsKey(v)) {
                connect(v, edges, index, low, stack, out);
            }
        }
        return out;
    }

    private static void connect(String v, Map<String, Set<String>> edges, Map<String, Integer> index, Map<String, Integer> low,
            Deque<String> stack, List<Set<String>> out) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        for (String w : edges.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, edges, index, low, stack, out);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (stack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> comp = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                comp.add(w);
            } while (!w.equals(v));
            if (comp.size() > 1) {
                out.add(comp);
            }
        }
    }

    @Test
    void corePackagesFormNoCycle() throws IOException {
        Map<String, Set<String>> edges = uses(Path.of("src/main/java"));
        assertTrue(edges.size() >= 15, "read the sources: " + edges.keySet());
        assertEquals(List.of(), cycles(edges), edges.toString());
        assertEquals(Set.of(), edges.get("org.organ3d.volume"), "volume stands on nothing of organ3d");
        assertEquals(Set.of(), edges.get("org.organ3d.parallel"), "parallel stands on nothing of organ3d");
    }

    @Test
    void theCheckSeesACycle() {
        Map<String, Set<String>> e = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"));
        assertEquals(List.of(Set.of("a", "b", "c")), cycles(e));
    }
}
