package org.organ3d.screen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.organ3d.io.AtomicFiles;
import org.organ3d.io.ImageFormats;
import org.organ3d.measure.JsonWriter;
import org.organ3d.volume.LabelInfo;

/**
 * A screening's files: {@code candidates.json} (the keys of {@code organ3d screen} in the
 * contract: {@code candidates} with {@code id}, {@code target}, {@code centerLps},
 * {@code centerVoxel}, {@code diameterMm}, {@code recist} {@code {longAxisMm, shortAxisMm}},
 * {@code volumeMm3}, {@code meanHu}, {@code maxHu}, {@code type}, {@code score}, plus
 * {@code solidFraction}, {@code sphericity}, {@code boundaryDistanceMm}, {@code side},
 * {@code scaleMm}, {@code contrastHu}; top level {@code backend}, {@code seconds}, {@code input},
 * {@code minScore}, {@code minDiameterMm}, {@code notes}), {@code candidates.csv} (one row per
 * candidate, units in the headers) and {@code candidates.nii.gz} (label k = candidate k).
 *
 * @param result  what was found
 * @param input   the CT it was found in (a path or a description)
 * @param options the options it ran with
 */
public record ScreeningReport(ScreeningResult result, String input, ScreeningOptions options) {

    private static final String[] HEADER = {"id", "target", "type", "score", "centerLps_x_mm", "centerLps_y_mm", "centerLps_z_mm",
        "centerVoxel_i", "centerVoxel_j", "centerVoxel_k", "diameterMm", "recistLongAxisMm", "recistShortAxisMm", "volumeMm3",
        "meanHu", "maxHu", "solidFraction", "sphericity", "boundaryDistanceMm", "side", "scaleMm", "contrastHu"};

    /** The JSON document (also printed by {@code organ3d screen --json}); extra top-level keys appended. */
    public String toJson(Map<String, Object> extra) {
        Map<String, Object> top = new LinkedHashMap<>();
        List<Object> list = new ArrayList<>();
        for (Candidate c : result.candidates()) {
            list.add(toMap(c));
        }
        top.put("candidates", list);
        top.put("backend", result.backend());
        top.put("seconds", result.seconds());
        top.put("input", input);
        Map<String, Object> limits = new LinkedHashMap<>();
        if (options.lung()) {
            limits.put("lung", options.minScoreFor("lung"));
        }
        if (options.liver()) {
            limits.put("liver", options.minScoreFor("liver"));
        }
        top.put("minScore", limits);
        top.put("minDiameterMm", options.minDiameterMm());
        top.put("notes", result.notes());
        top.putAll(extra);
        return JsonWriter.write(top) + "\n";
    }

    /** One candidate as an ordered map of JSON keys. */
    public static Map<String, Object> toMap(Candidate c) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", c.id());
        o.put("target", c.target());
        o.put("centerLps", c.centerLps());
        o.put("centerVoxel", c.centerVoxel());
        o.put("diameterMm", c.diameterMm());
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("longAxisMm", c.recistLongMm());
        r.put("shortAxisMm", c.recistShortMm());
        o.put("recist", r);
        o.put("volumeMm3", c.volumeMm3());
        o.put("meanHu", c.meanHu());
        o.put("maxHu", c.maxHu());
        o.put("type", c.type().key());
        o.put("score", c.score());
        o.put("solidFraction", c.solidFraction());
        o.put("sphericity", c.sphericity());
        o.put("boundaryDistanceMm", c.boundaryDistanceMm());
        o.put("side", c.side());
        o.put("scaleMm", c.scaleMm());
        o.put("contrastHu", c.contrastHu());
        return o;
    }

    /** The CSV text: a header row with units, one row per candidate. */
    public String toCsv() {
        StringBuilder sb = new StringBuilder(String.join(",", HEADER)).append('\n');
        for (Candidate c : result.candidates()) {
            Object[] v = {c.id(), c.target(), c.type().key(), c.score(), c.centerLps().x(), c.centerLps().y(), c.centerLps().z(),
                c.centerVoxel().x(), c.centerVoxel().y(), c.centerVoxel().z(), c.diameterMm(), c.recistLongMm(), c.recistShortMm(),
                c.volumeMm3(), c.meanHu(), c.maxHu(), c.solidFraction(), c.sphericity(), c.boundaryDistanceMm(),
                c.side() == null ? "" : c.side(), c.scaleMm(), c.contrastHu()};
            for (int n = 0; n < v.length; n++) {
                sb.append(n == 0 ? "" : ",");
                if (v[n] instanceof Double d) {
                    sb.append(Double.isFinite(d) ? String.format(Locale.ROOT, "%.6g", d) : "");
                } else {
                    sb.append(v[n]);
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * Writes {@code candidates.json}, {@code candidates.csv} and {@code candidates.nii.gz} into
     * {@code dir} (created if missing). All three are written to temporary files first and renamed
     * only when every one is complete, so a failure leaves none of them behind (nor half of one).
     *
     * @return the three paths
     */
    public List<Path> write(Path dir, Map<String, Object> extra) throws IOException {
        Files.createDirectories(dir);
        Path json = dir.resolve("candidates.json");
        Path csv = dir.resolve("candidates.csv");
        Path nii = dir.resolve("candidates.nii.gz");
        List<Path> tmps = new ArrayList<>();
        try {
            tmps.add(AtomicFiles.prepare(json, out -> out.write(toJson(extra).getBytes(java.nio.charset.StandardCharsets.UTF_8))));
            tmps.add(AtomicFiles.prepare(csv, out -> out.write(toCsv().getBytes(java.nio.charset.StandardCharsets.UTF_8))));
            Path tmpNii = dir.resolve(".candidates-" + Long.toHexString(System.nanoTime()) + ".tmp.nii.gz");
            tmps.add(tmpNii);
            Map<Integer, LabelInfo> info = new TreeMap<>();
            for (Candidate c : result.candidates()) {
                info.put(c.id(), new LabelInfo(c.id(), c.target() + " candidate " + c.id() + " (" + c.type().key() + ")",
                        PALETTE[(c.id() - 1) % PALETTE.length]));
            }
            ImageFormats.write(tmpNii, result.labels().labels(), info);
            AtomicFiles.commit(tmps.get(0), json);
            AtomicFiles.commit(tmps.get(1), csv);
            AtomicFiles.commit(tmpNii, nii);
            tmps.clear();
        } finally {
            for (Path t : tmps) {
                Files.deleteIfExists(t);
            }
        }
        return List.of(json, csv, nii);
    }

    private static final int[] PALETTE = {0xE6B43CFF, 0xC0504DFF, 0x4F81BDFF, 0x9BBB59FF, 0x8064A2FF, 0x4BACC6FF, 0xF79646FF};
}
