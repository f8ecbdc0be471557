package org.organ3d.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.testkit.ExternalTool;
import org.organ3d.testkit.Processes;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.Spacing;

/**
 * Cross-check against scipy.ndimage (an independent implementation): connected components (6 and
 * 26) agree as partitions with the same sizes, and the 5 mm margin, 2 mm erosion and 3D hole
 * filling agree voxel for voxel on the committed fixture {@code blobs.u8.gz}. Requires SciPy through the
 * testkit switch (skipped with the reason, a failure in CI); the script runs through {@link Processes#run}.
 */
class ScipyCrossCheckTest {

    private static final Dimensions D = new Dimensions(64, 56, 24);
    private static final double[] S = {0.7, 0.7, 2.5};
    private static final double MARGIN = 5.0;
    private static final double ERODE = 2.0;

    @Test
    void componentsMarginAndErosionAgreeWithScipy(@TempDir Path tmp) throws Exception {
        ExternalTool.requireAll(ExternalTool.NUMPY, ExternalTool.SCIPY);
        Path script = findScript();
        assertNotNull(script, "scripts/scipy_segment_check.py not found above " + Path.of("").toAbsolutePath());

        Path fixture = tmp.resolve("blobs.u8.gz");
        try (InputStream in = getClass().getResourceAsStream("blobs.u8.gz")) {
            Files.copy(in, fixture);
        }
        Path out = tmp.resolve("out");
        Processes.run(List.of(ExternalTool.PYTHON.toString(), script.toString(), fixture.toString(), "64", "56", "24", "0.7",
                "0.7", "2.5", Double.toString(MARGIN), Double.toString(ERODE), out.toString()), tmp, Duration.ofMinutes(2))
                .assertOk("scipy_segment_check.py");

        byte[][] mask = readMask(fixture);
        Geometry g = Geometry.axisAligned(new Spacing(S[0], S[1], S[2]));
        for (Connectivity c : List.of(Connectivity.SIX, Connectivity.TWENTY_SIX)) {
            int[] ref = readU32(out.resolve(c == Connectivity.SIX ? "cc6.u32" : "cc26.u32"));
            Components mine = ConnectedComponents.label(mask, D, g, c);
            Map<Integer, Integer> map = new HashMap<>();
            Map<Integer, Long> refSizes = new HashMap<>();
            for (int k = 0; k < D.nz(); k++) {
                for (int x = 0; x < D.sliceSize(); x++) {
                    int a = ref[k * D.sliceSize() + x];
                    int b = mine.componentAt(x % D.nx(), x / D.nx(), k);
                    assertEquals(a == 0, b == 0, "foreground differs at k " + k + " x " + x);
                    if (a != 0) {
                        assertEquals(b, (int) map.computeIfAbsent(a, key -> b), c + ": scipy component " + a + " split");
                        refSizes.merge(a, 1L, Long::sum);
                    }
                }
            }
            assertEquals(refSizes.size(), mine.count(), c + ": component count");
            assertEquals(mine.count(), new java.util.HashSet<>(map.values()).size(), c + ": merged components");
            long[] sorted = refSizes.values().stream().sorted((p, q) -> Long.compare(q, p)).mapToLong(Long::longValue).toArray();
            long[] ours = java.util.Arrays.copyOfRange(mine.sizesVoxels(), 1, mine.count() + 1);
            assertArrayEquals(sorted, ours, c + ": sizes");
            System.out.println("scipy cross-check " + c + ": " + mine.count() + " components, largest " + ours[0]
                    + " voxels, all equal");
        }
        byte[] margin = Files.readAllBytes(out.resolve("margin.u8"));
        byte[][] dil = Morphology.dilate(mask, D, S, MARGIN);
        byte[] erode = Files.readAllBytes(out.resolve("erode.u8"));
        byte[][] ero = Morphology.erode(mask, D, S, ERODE);
        byte[] fill = Files.readAllBytes(out.resolve("fill.u8"));
        byte[][] filled = HoleFilling.fill3d(mask, D, Connectivity.SIX);
        long mc = 0;
        long ec = 0;
        long fc = 0;
        for (int k = 0; k < D.nz(); k++) {
            for (int x = 0; x < D.sliceSize(); x++) {
                int idx = k * D.sliceSize() + x;
                assertEquals(margin[idx] != 0, dil[k][x] != 0, "margin differs at k " + k + " x " + x);
                assertEquals(erode[idx] != 0, ero[k][x] != 0, "erosion differs at k " + k + " x " + x);
                assertEquals(fill[idx] != 0, filled[k][x] != 0, "hole filling differs at k " + k + " x " + x);
                mc += margin[idx];
                ec += erode[idx];
                fc += fill[idx] != 0 && mask[k][x] == 0 ? 1 : 0;
            }
        }
        System.out.println("scipy cross-check: 5 mm margin " + mc + " voxels, 2 mm erosion " + ec + " voxels, "
                + fc + " hole voxels filled, all equal; "
                + Files.readString(out.resolve("summary.json"), StandardCharsets.UTF_8).replaceAll("(?s).*\"scipy\": ", "scipy ").trim());
        assertEquals(true, mc > 30000 && mc < 80000, "margin should be a real test: " + mc);
        assertEquals(true, ec > 500, "erosion should be a real test: " + ec);
        assertEquals(true, fc > 100, "hole filling should be a real test: " + fc);
    }

    private static Path findScript() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path s = p.resolve("scripts/scipy_segment_check.py");
            if (Files.isRegularFile(s)) {
                return s;
            }
        }
        return null;
    }

    private static byte[][] readMask(Path gz) throws IOException {
        byte[] all;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            all = in.readAllBytes();
        }
        assertEquals(D.voxelCount(), all.length);
        byte[][] m = new byte[D.nz()][];
        for (int k = 0; k < D.nz(); k++) {
            m[k] = java.util.Arrays.copyOfRange(all, k * D.sliceSize(), (k + 1) * D.sliceSize());
        }
        return m;
    }

    private static int[] readU32(Path p) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
        int[] a = new int[b.remaining() / 4];
        b.asIntBuffer().get(a);
        assertEquals(D.voxelCount(), a.length);
        return a;
    }
}
