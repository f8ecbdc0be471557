package org.organ3d.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.organ3d.io.AtomicFiles;
import org.organ3d.io.ImageFormats;
import org.organ3d.io.dicom.DicomSeriesWriter;
import org.organ3d.io.dicom.SeriesInfo;
import org.organ3d.testdata.phantom.AbdominalPhantom;
import org.organ3d.testdata.phantom.PhantomGenerator;
import org.organ3d.testdata.phantom.PhantomGrid;
import org.organ3d.testdata.phantom.PhantomStudy;

/**
 * The studies of the cohort benchmark (benchmarks/scripts/cohort_bench.sh): {@code distinct} abdominal
 * phantom studies (a different noise seed each), each a DICOM CT series (one file per slice, the way
 * studies arrive from a PACS) with its truth label map ({@code labels.nii.gz}), and a manifest of
 * {@code rows} studies cycling through them (distinct study ids, so every row is its own study with
 * its own key). Studies already written (a {@code COMPLETE} marker) are reused.
 *
 * <p>Usage: {@code CohortStudies <folder> <distinct> <rows> [full|small]}; writes
 * {@code <folder>/manifest.csv}.
 */
public final class CohortStudies {

    private CohortStudies() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: CohortStudies <folder> <distinct> <rows> [full|small]");
            System.exit(2);
        }
        Path root = Path.of(args[0]).toAbsolutePath();
        int distinct = Integer.parseInt(args[1]);
        int rows = Integer.parseInt(args[2]);
        PhantomGrid grid = args.length > 3 && args[3].equals("small") ? PhantomGrid.SMALL : PhantomGrid.FULL;
        for (int i = 0; i < distinct; i++) {
            Path dir = root.resolve(String.format(Locale.ROOT, "study%03d", i));
            Path marker = dir.resolve("COMPLETE");
            String tag = grid + " seed " + i;
            if (Files.isRegularFile(marker) && Files.readString(marker).equals(tag)) {
                continue;
            }
            long t0 = System.nanoTime();
            PhantomStudy s = PhantomGenerator.generate(new AbdominalPhantom(), grid, PhantomGenerator.DEFAULT_NOISE_HU, 5000 + i);
            // NB: UIDs fixed per study (2.25 = UUID-derived root), so a rerun of the benchmark finds the same series
            String base = "2.25.31415926535897932384626433832" + String.format(Locale.ROOT, "%03d", i);
            DicomSeriesWriter.writeCtSeries(s.ct(), dir.resolve("dicom"), new SeriesInfo("Bench^" + i, "BENCH" + i, base + "1",
                    base + "2", base + "3", "CT", "cohort benchmark " + i, "organ3d cohort benchmark", 2));
            ImageFormats.write(dir.resolve("labels.nii.gz"), s.labels().labels(), s.labels().info());
            AtomicFiles.writeString(marker, tag);
            System.err.printf(Locale.ROOT, "cohort bench: study %d of %d written in %.1f s%n", i + 1, distinct,
                    (System.nanoTime() - t0) * 1e-9);
        }
        List<String> lines = new ArrayList<>(List.of("study_id,image,labels,source"));
        for (int r = 0; r < rows; r++) {
            String d = String.format(Locale.ROOT, "study%03d", r % distinct);
            lines.add(String.format(Locale.ROOT, "B%05d,%s/dicom,%s/labels.nii.gz,%s", r, d, d, d));
        }
        Files.writeString(root.resolve("manifest.csv"), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }
}
